using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;

namespace OkrConnect.Core.Practice;

/// <summary>
/// Progress as it stood at an earlier instant, read from the stored history (docs/okr-semantics.md, "History"): a key
/// result's value is its latest history entry at or before the instant. Children key results and objectives are rolled
/// up from those values with the same rules as live progress, so "a week ago" is computed exactly like "now".
/// </summary>
public static class HistoricProgress
{
    /// <summary>The latest entry at or before <paramref name="instant"/>; null when there is none (or it said "no work yet").</summary>
    public static double? ValueAt(IReadOnlyList<ProgressHistoryEntry> history, DateTimeOffset instant)
    {
        ProgressHistoryEntry? latest = null;
        foreach (var entry in history)
        {
            if (entry.RecordedAt <= instant && (latest is null || entry.RecordedAt >= latest.RecordedAt))
            {
                latest = entry;
            }
        }

        return latest?.Value;
    }

    /// <summary>
    /// A key result's own value at <paramref name="instant"/>. A metric key result whose history is empty never had its
    /// value changed by a check-in, so the value it was created with held since its creation.
    /// </summary>
    public static double? KeyResultValueAt(KeyResult keyResult, IReadOnlyList<ProgressHistoryEntry> history, DateTimeOffset instant)
    {
        if (keyResult.CreatedAt > instant)
        {
            return null;
        }

        if (history.Count == 0 && keyResult.Measure == MeasureKind.Metric)
        {
            return MetricProgress.Compute(keyResult).Value;
        }

        return ValueAt(history, instant);
    }

    /// <summary>An evaluator of the whole alignment tree at <paramref name="instant"/>.</summary>
    public static AlignmentProgressEvaluator At(
        AlignmentGraph graph, IReadOnlyDictionary<Guid, IReadOnlyList<ProgressHistoryEntry>> history, DateTimeOffset instant) =>
        new(graph, keyResult => KeyResultValueAt(keyResult, history.GetValueOrDefault(keyResult.Id) ?? [], instant));
}
