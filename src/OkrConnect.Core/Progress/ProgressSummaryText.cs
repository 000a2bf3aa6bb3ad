using System.Globalization;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>
/// The English sentence of a breakdown, e.g. "12 of 20 issues done · 2 excluded (won't do) · counted by issues".
/// Other languages render the same structured fields themselves.
/// </summary>
public static class ProgressSummaryText
{
    private const string Separator = " · ";

    public static string Describe(ProgressBreakdown b)
    {
        var parts = new List<string> { Headline(b) };

        if (b.Excluded > 0)
        {
            var reasons = b.ExcludedReasons.Count == 1
                ? b.ExcludedReasons[0].Reason.ToLowerInvariant()
                : string.Join(", ", b.ExcludedReasons.Select(r => $"{r.Count} {r.Reason.ToLowerInvariant()}"));
            parts.Add($"{b.Excluded} excluded ({reasons})");
        }

        parts.AddRange(b.Notes.Where(n => n.Code != ProgressNoteCodes.PartialFetch).Select(n => n.Text));

        if (b.SubtasksCountedThroughParent > 0)
        {
            parts.Add($"{b.SubtasksCountedThroughParent} {Plural(b.SubtasksCountedThroughParent, "sub-task")} counted through their parent");
        }

        if (b.DuplicatesSkipped > 0)
        {
            parts.Add($"{b.DuplicatesSkipped} {Plural(b.DuplicatesSkipped, "duplicate")} already counted");
        }

        if (b.Value is not null)
        {
            parts.Add(ModelText(b));
        }

        if (b.Partial)
        {
            parts.Add($"partial fetch ({b.PartialReason})");
        }

        return string.Join(Separator, parts);
    }

    internal static string Plural(double count, string noun) => count == 1 ? noun : noun + "s";

    internal static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    private static string Headline(ProgressBreakdown b)
    {
        if (b.Value is null)
        {
            return "no work yet";
        }

        var unit = b.CountedBy == CountBasis.Points ? "point" : "issue";
        var total = $"{Number(b.Denominator)} {Plural(b.Denominator, unit)}";
        if (b.Model != ProgressModel.StatusWeighted)
        {
            return $"{Number(b.Numerator)} of {total} done";
        }

        var (done, inProgress) = b.CountedBy == CountBasis.Points && b.Points is { } p
            ? (p.DonePoints, p.InProgressPoints)
            : (b.Done, b.InProgress);
        return $"{Number(done)} done + {Number(inProgress)} in progress × {Number(b.InProgressWeight ?? 0)} = {Number(b.Numerator)} of {total}";
    }

    private static string ModelText(ProgressBreakdown b) => (b.Model, b.CountedBy) switch
    {
        (ProgressModel.Count, _) => "counted by issues",
        (ProgressModel.Points, CountBasis.Points) => "counted by story points",
        (ProgressModel.Points, _) => "counted by issues instead of story points",
        (_, CountBasis.Points) => "weighted by status and story points",
        _ => "weighted by status",
    };
}
