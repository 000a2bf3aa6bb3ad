using System.Globalization;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;

namespace OkrConnect.Sync.WriteBack;

/// <summary>
/// A breakdown as one line in the connector's language, e.g. "12 of 20 issues done · 2 excluded (won't do) · counted by
/// issues" or "20 个事项中已完成 12 个 · 排除 2 个（won't do）· 按事项计数". English is Core's own sentence; other
/// languages are rendered here from the same structured fields, so every number means the same in each.
/// </summary>
public static class BreakdownText
{
    private const string Separator = " · ";

    public static string Render(ProgressBreakdown breakdown, WriteBackLanguage language) =>
        language == WriteBackLanguage.SimplifiedChinese ? Chinese(breakdown) : ProgressSummaryText.Describe(breakdown);

    private static string Chinese(ProgressBreakdown b)
    {
        var parts = new List<string> { ChineseHeadline(b) };

        if (b.Excluded > 0)
        {
            var reasons = string.Join("、", b.ExcludedReasons.Select(r =>
                b.ExcludedReasons.Count == 1 ? r.Reason.ToLowerInvariant() : $"{r.Count} 个 {r.Reason.ToLowerInvariant()}"));
            parts.Add($"排除 {b.Excluded} 个（{reasons}）");
        }

        foreach (var note in b.Notes)
        {
            switch (note.Code)
            {
                case ProgressNoteCodes.NoEstimates:
                    parts.Add("没有已估算的事项");
                    break;
                case ProgressNoteCodes.ZeroPoints:
                    parts.Add("所有估算均为 0");
                    break;
                case ProgressNoteCodes.EstimatesImputed when b.Points is { ImputedEstimate: { } each } points:
                    var source = points.ImputedFrom == "default" ? "配置的默认值" : "已估算事项的平均值";
                    parts.Add($"{points.Unestimated} 个未估算事项按每个 {N(each)} 点计（{source}）");
                    break;
            }
        }

        if (b.SubtasksCountedThroughParent > 0)
        {
            parts.Add($"{b.SubtasksCountedThroughParent} 个子任务随父任务计");
        }

        if (b.DuplicatesSkipped > 0)
        {
            parts.Add($"{b.DuplicatesSkipped} 个重复事项已计入");
        }

        if (b.Value is not null)
        {
            parts.Add((b.Model, b.CountedBy) switch
            {
                (ProgressModel.Count, _) => "按事项计数",
                (ProgressModel.Points, CountBasis.Points) => "按故事点计数",
                (ProgressModel.Points, _) => "无故事点，改按事项计数",
                (_, CountBasis.Points) => "按状态和故事点加权",
                _ => "按状态加权",
            });
        }

        if (b.Partial)
        {
            parts.Add($"获取不完整（{b.PartialReason}）");
        }

        return string.Join(Separator, parts);
    }

    private static string ChineseHeadline(ProgressBreakdown b)
    {
        if (b.Value is null)
        {
            return "暂无工作项";
        }

        var unit = b.CountedBy == CountBasis.Points ? "故事点" : "个事项";
        if (b.Model != ProgressModel.StatusWeighted)
        {
            return b.CountedBy == CountBasis.Points
                ? $"{N(b.Denominator)} 故事点中已完成 {N(b.Numerator)}"
                : $"{N(b.Denominator)} 个事项中已完成 {N(b.Numerator)} 个";
        }

        var (done, inProgress) = b.CountedBy == CountBasis.Points && b.Points is { } p
            ? (p.DonePoints, p.InProgressPoints)
            : (b.Done, b.InProgress);
        return $"已完成 {N(done)} + 进行中 {N(inProgress)} × {N(b.InProgressWeight ?? 0)} = {N(b.Numerator)}（共 {N(b.Denominator)} {unit}）";
    }

    private static string N(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
