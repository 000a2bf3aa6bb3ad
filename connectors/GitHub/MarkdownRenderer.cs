using System.Globalization;
using System.Text;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Renders the sticky progress comment as GitHub Markdown, in English or Simplified Chinese. The first line is a hidden
/// marker naming the key result, so the comment can be found again even when its id was never stored.
/// The output depends only on the content (the time shown is the day, not the minute), so an unchanged key result
/// renders the same body and needs no edit. Text from users is escaped so it cannot mention people, link issues,
/// break the layout, or forge a marker.
/// </summary>
internal static class MarkdownRenderer
{
    public static string Marker(Guid keyResultId) => $"<!-- okrconnect:kr={keyResultId:D} -->";

    public static string Render(Guid keyResultId, WriteBackContent content, string fallbackLocale)
    {
        var text = Texts.For(string.IsNullOrWhiteSpace(content.Locale) ? fallbackLocale : content.Locale);
        var body = new StringBuilder();
        body.Append(Marker(keyResultId)).Append('\n');
        body.Append("### ").Append(text.Heading).Append(": ").Append(Inline(content.KeyResultTitle)).Append('\n').Append('\n');

        body.Append("**").Append(Percent(content.Progress, text)).Append("** ").Append(Bar(content.Progress)).Append(" · ");
        body.Append(string.Format(CultureInfo.InvariantCulture, text.DoneOfTotal, content.Done, content.Total));
        if (content.Excluded > 0)
        {
            body.Append(" · ").Append(string.Format(CultureInfo.InvariantCulture, text.Excluded, content.Excluded));
        }

        body.Append(" · ").Append(text.Model(content.Model)).Append('\n').Append('\n');

        if (content.Manual is { } manual)
        {
            body.Append("> ✍️ ")
                .Append(string.Format(CultureInfo.InvariantCulture, text.Manual, Inline(manual.SetBy), Inline(manual.Reason), Percent(manual.ComputedProgress, text)))
                .Append('\n').Append('\n');
        }

        body.Append(text.Objective).Append(": ").Append(Inline(content.ObjectiveTitle))
            .Append(" · ").Append(text.Cycle).Append(": ").Append(Inline(content.CycleName))
            .Append(" · ").Append(text.Type(content.KeyResultType)).Append('\n');

        if (content.Confidence is not null || content.Status is not null)
        {
            body.Append('\n');
            if (content.Confidence is { } confidence)
            {
                body.Append(text.Confidence).Append(": ").Append(confidence.ToString(CultureInfo.InvariantCulture)).Append("/10");
            }

            if (content.Status is { } status)
            {
                body.Append(content.Confidence is null ? string.Empty : " · ").Append(text.Status).Append(": ").Append(text.StatusName(status));
            }

            body.Append('\n');
        }

        if (content.AtRisk)
        {
            body.Append('\n').Append("> ⚠️ **").Append(text.AtRisk).Append("**");
            if (content.RiskReasons.Count > 0)
            {
                body.Append(": ").Append(string.Join("; ", content.RiskReasons.Select(Inline)));
            }

            body.Append('\n');
        }

        if (content.Stale)
        {
            body.Append('\n').Append("> ⏳ ").Append(text.Stale);
            if (!string.IsNullOrWhiteSpace(content.StaleReason))
            {
                body.Append(": ").Append(Inline(content.StaleReason));
            }

            body.Append('\n');
        }

        if (!string.IsNullOrWhiteSpace(content.BreakdownText))
        {
            body.Append('\n').Append("<details><summary>").Append(text.Breakdown).Append("</summary>\n\n");
            foreach (var line in content.BreakdownText.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                body.Append("- ").Append(Inline(line)).Append('\n');
            }

            body.Append("\n</details>\n");
        }

        body.Append('\n').Append("<sub>")
            .Append(string.Format(CultureInfo.InvariantCulture, text.Updated, content.ComputedAt.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)));
        if (Uri.TryCreate(content.KeyResultUrl, UriKind.Absolute, out var link) && link.Scheme is "https" or "http")
        {
            body.Append(" · [").Append(text.Open).Append("](").Append(link.AbsoluteUri.Replace(")", "%29", StringComparison.Ordinal)).Append(')');
        }

        body.Append("</sub>\n");
        return body.ToString();
    }

    /// <summary>
    /// Escapes user text for one line of Markdown: Markdown punctuation is backslash-escaped, angle brackets become
    /// entities (no HTML, no fake marker), and '@' gets a zero-width space so nobody is mentioned (and notified).
    /// </summary>
    internal static string Inline(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return string.Empty;
        }

        var escaped = new StringBuilder(value.Length + 8);
        foreach (var c in value)
        {
            switch (c)
            {
                case '\r' or '\n':
                    escaped.Append(' ');
                    break;
                case '<':
                    escaped.Append("&lt;");
                    break;
                case '>':
                    escaped.Append("&gt;");
                    break;
                case '&':
                    escaped.Append("&amp;");
                    break;
                case '@':
                    escaped.Append("@\u200B");
                    break;
                case '\\' or '`' or '*' or '_' or '[' or ']' or '#' or '|' or '~' or '!':
                    escaped.Append('\\').Append(c);
                    break;
                default:
                    escaped.Append(c);
                    break;
            }
        }

        return escaped.ToString();
    }

    private static string Percent(double? progress, Texts text) =>
        progress is { } value
            ? Math.Round(Math.Clamp(value, 0, 1) * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "%"
            : text.NoWork;

    private static string Bar(double? progress)
    {
        var filled = progress is { } value ? (int)Math.Round(Math.Clamp(value, 0, 1) * 10, MidpointRounding.AwayFromZero) : 0;
        return "`" + new string('█', filled) + new string('░', 10 - filled) + "`";
    }

    /// <summary>The words of the comment in one language.</summary>
    private sealed record Texts(
        string Heading,
        string DoneOfTotal,
        string Excluded,
        string Objective,
        string Cycle,
        string Confidence,
        string Status,
        string AtRisk,
        string Stale,
        string Breakdown,
        string Updated,
        string Open,
        string NoWork,
        string Manual,
        IReadOnlyDictionary<ProgressModel, string> Models,
        IReadOnlyDictionary<KeyResultType, string> Types,
        IReadOnlyDictionary<CheckInStatus, string> Statuses)
    {
        private static readonly Texts English = new(
            Heading: "OKR progress",
            DoneOfTotal: "{0} of {1} done",
            Excluded: "{0} excluded",
            Objective: "Objective",
            Cycle: "Cycle",
            Confidence: "Confidence",
            Status: "Status",
            AtRisk: "At risk",
            Stale: "These numbers may be out of date",
            Breakdown: "How this is counted",
            Updated: "Updated {0} (UTC) by OkrConnect",
            Open: "Open in OkrConnect",
            NoWork: "no work yet",
            Manual: "Set by hand by {0}: {1} — the linked work says {2}",
            Models: new Dictionary<ProgressModel, string>
            {
                [ProgressModel.Count] = "counted by issues",
                [ProgressModel.Points] = "counted by points",
                [ProgressModel.StatusWeighted] = "weighted by status",
            },
            Types: new Dictionary<KeyResultType, string> { [KeyResultType.Committed] = "committed", [KeyResultType.Aspirational] = "aspirational" },
            Statuses: new Dictionary<CheckInStatus, string>
            {
                [CheckInStatus.OnTrack] = "on track",
                [CheckInStatus.AtRisk] = "at risk",
                [CheckInStatus.OffTrack] = "off track",
            });

        private static readonly Texts SimplifiedChinese = new(
            Heading: "OKR 进度",
            DoneOfTotal: "已完成 {0} / {1}",
            Excluded: "已排除 {0} 项",
            Objective: "目标",
            Cycle: "周期",
            Confidence: "信心",
            Status: "状态",
            AtRisk: "存在风险",
            Stale: "这些数据可能已过时",
            Breakdown: "计算方式",
            Updated: "由 OkrConnect 更新于 {0}（UTC）",
            Open: "在 OkrConnect 中查看",
            NoWork: "暂无工作项",
            Manual: "由 {0} 手动设置：{1} —— 关联工作项显示 {2}",
            Models: new Dictionary<ProgressModel, string>
            {
                [ProgressModel.Count] = "按议题数计算",
                [ProgressModel.Points] = "按点数计算",
                [ProgressModel.StatusWeighted] = "按状态加权",
            },
            Types: new Dictionary<KeyResultType, string> { [KeyResultType.Committed] = "承诺型", [KeyResultType.Aspirational] = "挑战型" },
            Statuses: new Dictionary<CheckInStatus, string>
            {
                [CheckInStatus.OnTrack] = "正常",
                [CheckInStatus.AtRisk] = "有风险",
                [CheckInStatus.OffTrack] = "偏离",
            });

        /// <summary>zh, zh-CN and zh-Hans get Chinese; everything else English.</summary>
        public static Texts For(string locale) =>
            locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? SimplifiedChinese : English;

        public string Model(ProgressModel model) => Models.GetValueOrDefault(model, model.ToString());

        public string Type(KeyResultType type) => Types.GetValueOrDefault(type, type.ToString());

        public string StatusName(CheckInStatus status) => Statuses.GetValueOrDefault(status, status.ToString());
    }
}
