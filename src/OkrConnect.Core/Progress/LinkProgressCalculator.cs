using OkrConnect.Core.Classification;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>One link's progress from its fetched work items (docs/okr-semantics.md, "Progress of a link").</summary>
public static class LinkProgressCalculator
{
    /// <param name="targetOwnId">The link's epic/parent issue id: it never counts itself.</param>
    /// <param name="complete">False when the fetch was cut short: the result is marked partial (see <see cref="PartialFetchRule"/>).</param>
    public static ProgressBreakdown Compute(
        IEnumerable<WorkItem> items,
        ProgressModel model,
        DateTimeOffset fetchedAt,
        LinkProgressOptions? options = null,
        string? targetOwnId = null,
        bool complete = true,
        string? fetchError = null)
    {
        options = Checked(options);
        var selection = CountableItems.Select(items, targetOwnId, options.Subtasks);
        return FromSelection(selection, model, options, fetchedAt, complete, fetchError);
    }

    internal static LinkProgressOptions Checked(LinkProgressOptions? options)
    {
        options ??= LinkProgressOptions.Default;
        var problems = options.Validate();
        return problems.Count == 0 ? options : throw new ArgumentException(string.Join(" ", problems), nameof(options));
    }

    internal static ProgressBreakdown FromSelection(
        ItemSelection selection,
        ProgressModel model,
        LinkProgressOptions options,
        DateTimeOffset fetchedAt,
        bool complete,
        string? fetchError)
    {
        var items = selection.Items;
        var counted = items.Where(i => i.Class != WorkItemClass.Excluded).ToList();
        var notes = new List<ProgressNote>();
        var wantsPoints = model == ProgressModel.Points
            || (model == ProgressModel.StatusWeighted && options.StatusWeightedBasis == CountBasis.Points);

        // Weights per counted item: 1 per issue, or its (imputed) story points.
        var (pointWeights, points) = wantsPoints && counted.Count > 0 ? PointWeights(counted, options, notes) : (null, null);
        var basis = pointWeights is not null || (wantsPoints && counted.Count == 0) ? CountBasis.Points : CountBasis.Issues;
        var weights = pointWeights ?? counted.Select(_ => 1.0).ToArray();
        var numerator = counted.Select((item, index) => weights[index] * Credit(item.Class, model, options.InProgressWeight)).Sum();
        var denominator = weights.Sum();
        double? value = counted.Count == 0 ? null : Math.Clamp(numerator / denominator, 0, 1);

        if (!complete)
        {
            notes.Add(new ProgressNote(ProgressNoteCodes.PartialFetch, "the fetch was cut short"));
        }

        var breakdown = new ProgressBreakdown(
            value,
            model,
            basis,
            numerator,
            denominator,
            Done: items.Count(i => i.Class == WorkItemClass.Done),
            InProgress: items.Count(i => i.Class == WorkItemClass.InProgress),
            ToDo: items.Count(i => i.Class == WorkItemClass.ToDo),
            Excluded: items.Count(i => i.Class == WorkItemClass.Excluded),
            ExcludedReasons: GroupReasons(items),
            points,
            model == ProgressModel.StatusWeighted ? options.InProgressWeight : null,
            selection.SubtasksCountedThroughParent,
            selection.DuplicatesSkipped,
            notes,
            fetchedAt,
            Partial: !complete,
            PartialReason: complete ? null : fetchError ?? "the fetch was cut short",
            Summary: "");
        return breakdown with { Summary = ProgressSummaryText.Describe(breakdown) };
    }

    private static double Credit(WorkItemClass itemClass, ProgressModel model, double inProgressWeight) => itemClass switch
    {
        WorkItemClass.Done => 1,
        WorkItemClass.InProgress when model == ProgressModel.StatusWeighted => inProgressWeight,
        _ => 0,
    };

    /// <summary>
    /// Story points per counted item. Unestimated items take the configured default, else the mean of the estimated
    /// ones; null (with a note) when points cannot weigh anything and the caller must count issues instead.
    /// </summary>
    private static (double[]? Weights, PointsSummary? Summary) PointWeights(
        List<WorkItem> counted, LinkProgressOptions options, List<ProgressNote> notes)
    {
        var estimates = counted.Where(i => IsEstimate(i.Points)).Select(i => i.Points!.Value).ToList();
        if (estimates.Count == 0)
        {
            notes.Add(new ProgressNote(ProgressNoteCodes.NoEstimates, "no issue is estimated"));
            return (null, null);
        }

        var unestimated = counted.Count - estimates.Count;
        double? imputed = unestimated == 0 ? null : options.DefaultEstimate ?? estimates.Average();
        var weights = counted.Select(i => IsEstimate(i.Points) ? i.Points!.Value : imputed!.Value).ToArray();
        var total = weights.Sum();
        if (total <= 0)
        {
            notes.Add(new ProgressNote(ProgressNoteCodes.ZeroPoints, "every estimate is 0"));
            return (null, null);
        }

        string? imputedFrom = null;
        if (imputed is { } each)
        {
            imputedFrom = options.DefaultEstimate is null ? "mean" : "default";
            var source = imputedFrom == "mean" ? "the mean of the estimated ones" : "the configured default";
            notes.Add(new ProgressNote(
                ProgressNoteCodes.EstimatesImputed,
                $"{unestimated} unestimated {ProgressSummaryText.Plural(unestimated, "issue")} counted as {ProgressSummaryText.Number(each)} points each ({source})"));
        }

        double PointsOf(WorkItemClass itemClass) =>
            counted.Select((item, index) => item.Class == itemClass ? weights[index] : 0).Sum();

        var summary = new PointsSummary(
            PointsOf(WorkItemClass.Done), PointsOf(WorkItemClass.InProgress), total, estimates.Count, unestimated, imputed, imputedFrom);
        return (weights, summary);
    }

    private static bool IsEstimate(double? points) => points is { } p && double.IsFinite(p) && p >= 0;

    private static List<ExclusionCount> GroupReasons(IEnumerable<WorkItem> items) =>
        items.Where(i => i.Class == WorkItemClass.Excluded)
            .GroupBy(i => string.IsNullOrWhiteSpace(i.ExcludedReason) ? "no reason given" : i.ExcludedReason.Trim(), StringComparer.OrdinalIgnoreCase)
            .Select(g => new ExclusionCount(g.Key, g.Count()))
            .OrderByDescending(e => e.Count)
            .ThenBy(e => e.Reason, StringComparer.OrdinalIgnoreCase)
            .ToList();
}
