using System.Globalization;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// The fixed words of the progress comment in the connector's locale (<c>en</c> or <c>zh-CN</c>), and the lines both
/// renderers share, so ADF and wiki markup say exactly the same thing.
/// </summary>
internal sealed record ProgressCommentText(
    string Heading,
    string ProgressLabel,
    string NoWorkYet,
    string CountsFormat,
    string ObjectiveLabel,
    string Committed,
    string Aspirational,
    string ConfidenceLabel,
    string StatusLabel,
    string OnTrack,
    string AtRisk,
    string OffTrack,
    string AtRiskHeading,
    string StaleLabel,
    string ComputedLabel,
    string OpenLink,
    string ModelCount,
    string ModelPoints,
    string ModelStatusWeighted,
    string ManualFormat)
{
    private static readonly ProgressCommentText English = new(
        Heading: "OKR progress",
        ProgressLabel: "Progress",
        NoWorkYet: "no work yet",
        CountsFormat: "{0} done of {1} counted · {2} excluded · model: {3}",
        ObjectiveLabel: "Objective",
        Committed: "committed",
        Aspirational: "aspirational",
        ConfidenceLabel: "Confidence",
        StatusLabel: "Status",
        OnTrack: "on track",
        AtRisk: "at risk",
        OffTrack: "off track",
        AtRiskHeading: "At risk",
        StaleLabel: "Stale",
        ComputedLabel: "Computed",
        OpenLink: "Open in OkrConnect",
        ModelCount: "count",
        ModelPoints: "story points",
        ModelStatusWeighted: "status-weighted",
        ManualFormat: "Set by hand by {0}: {1} — the linked work says {2}");

    private static readonly ProgressCommentText Chinese = new(
        Heading: "OKR 进度",
        ProgressLabel: "进度",
        NoWorkYet: "暂无工作项",
        CountsFormat: "已完成 {0} / 计入 {1} · 已排除 {2} · 模型：{3}",
        ObjectiveLabel: "目标",
        Committed: "承诺型",
        Aspirational: "挑战型",
        ConfidenceLabel: "信心",
        StatusLabel: "状态",
        OnTrack: "正常",
        AtRisk: "有风险",
        OffTrack: "偏离",
        AtRiskHeading: "风险",
        StaleLabel: "数据已过期",
        ComputedLabel: "计算时间",
        OpenLink: "在 OkrConnect 中查看",
        ModelCount: "计数",
        ModelPoints: "故事点",
        ModelStatusWeighted: "按状态加权",
        ManualFormat: "由 {0} 手动设置：{1} —— 关联工作项显示 {2}");

    public static ProgressCommentText For(string? locale) =>
        locale is not null && locale.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? Chinese : English;

    public string Title(WriteBackContent c) => $"{Heading} · {c.KeyResultTitle}";

    /// <summary>A ten-cell bar and a whole percent, e.g. "██████░░░░ 60%", or "no work yet".</summary>
    public string ProgressLine(WriteBackContent c)
    {
        if (c.Progress is not { } progress)
        {
            return NoWorkYet;
        }

        var clamped = Math.Clamp(progress, 0, 1);
        var filled = (int)Math.Round(clamped * 10, MidpointRounding.AwayFromZero);
        return $"{new string('█', filled)}{new string('░', 10 - filled)} {Percent(progress)}";
    }

    /// <summary>Null unless the progress shown was set by hand: who, why, and what the linked work says.</summary>
    public string? ManualLine(WriteBackContent c) =>
        c.Manual is { } manual
            ? string.Format(CultureInfo.InvariantCulture, ManualFormat, manual.SetBy, manual.Reason, manual.ComputedProgress is { } computed ? Percent(computed) : NoWorkYet)
            : null;

    private static string Percent(double progress) =>
        Math.Round(Math.Clamp(progress, 0, 1) * 100, MidpointRounding.AwayFromZero).ToString(CultureInfo.InvariantCulture) + "%";

    public string CountsLine(WriteBackContent c) =>
        string.Format(CultureInfo.InvariantCulture, CountsFormat, c.Done, c.Total - c.Excluded, c.Excluded, Model(c.Model));

    public string ObjectiveLine(WriteBackContent c) =>
        $"{ObjectiveLabel}: {c.ObjectiveTitle} · {c.CycleName} · {(c.KeyResultType == KeyResultType.Committed ? Committed : Aspirational)}";

    /// <summary>Null when the key result has no check-in yet.</summary>
    public string? CheckInLine(WriteBackContent c)
    {
        var parts = new List<string>();
        if (c.Confidence is { } confidence)
        {
            parts.Add($"{ConfidenceLabel}: {confidence.ToString(CultureInfo.InvariantCulture)}/10");
        }

        if (c.Status is { } status)
        {
            parts.Add($"{StatusLabel}: {Status(status)}");
        }

        return parts.Count == 0 ? null : string.Join(" · ", parts);
    }

    public string? StaleLine(WriteBackContent c) =>
        c.Stale ? (string.IsNullOrWhiteSpace(c.StaleReason) ? StaleLabel : $"{StaleLabel}: {c.StaleReason}") : null;

    public string ComputedLine(WriteBackContent c) =>
        $"{ComputedLabel}: {c.ComputedAt.ToUniversalTime().ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} UTC";

    public string Status(CheckInStatus status) => status switch
    {
        CheckInStatus.OnTrack => OnTrack,
        CheckInStatus.AtRisk => AtRisk,
        _ => OffTrack,
    };

    public string Model(ProgressModel model) => model switch
    {
        ProgressModel.Points => ModelPoints,
        ProgressModel.StatusWeighted => ModelStatusWeighted,
        _ => ModelCount,
    };
}
