using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Progress;

public class LinkProgressCalculatorTests
{
    private static ProgressBreakdown Compute(IEnumerable<WorkItem> items, ProgressModel model = ProgressModel.Count, LinkProgressOptions? options = null) =>
        LinkProgressCalculator.Compute(items, model, T0, options);

    [Fact]
    public void Count_is_done_over_all_but_excluded_and_explains_itself()
    {
        var items = Many(12, WorkItemClass.Done, "D").Concat(Many(3, WorkItemClass.InProgress, "P")).Concat(Many(5, WorkItemClass.ToDo, "T")).Concat(Many(2, WorkItemClass.Excluded, "X"));

        var b = Compute(items);

        Assert.Equal(0.6, b.Value);
        Assert.Equal((12.0, 20.0), (b.Numerator, b.Denominator));
        Assert.Equal((12, 3, 5, 2), (b.Done, b.InProgress, b.ToDo, b.Excluded));
        Assert.Equal([new ExclusionCount("Won't Do", 2)], b.ExcludedReasons);
        Assert.Equal(ProgressModel.Count, b.Model);
        Assert.Equal(T0, b.FetchedAt);
        Assert.Equal("12 of 20 issues done · 2 excluded (won't do) · counted by issues", b.Summary);
    }

    [Fact]
    public void Excluded_reasons_are_grouped_case_insensitively_with_counts()
    {
        var b = Compute([Done("A"), Excluded("B", "Won't Do"), Excluded("C", "won't do"), Excluded("D", "Duplicate"), Excluded("E", null)]);

        Assert.Equal(
            [new ExclusionCount("Won't Do", 2), new ExclusionCount("Duplicate", 1), new ExclusionCount("no reason given", 1)],
            b.ExcludedReasons);
        Assert.Equal("1 of 1 issue done · 4 excluded (2 won't do, 1 duplicate, 1 no reason given) · counted by issues", b.Summary);
    }

    [Theory]
    [InlineData(ProgressModel.Count)]
    [InlineData(ProgressModel.Points)]
    [InlineData(ProgressModel.StatusWeighted)]
    public void Everything_excluded_is_no_work_yet_not_zero(ProgressModel model)
    {
        var b = Compute([Excluded("A"), Excluded("B", "Duplicate")], model);

        Assert.Null(b.Value);
        Assert.StartsWith("no work yet · 2 excluded", b.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void No_items_at_all_is_no_work_yet()
    {
        var b = Compute([]);

        Assert.Null(b.Value);
        Assert.Equal("no work yet", b.Summary);
    }

    [Fact]
    public void Points_is_done_points_over_points_of_non_excluded_items()
    {
        var b = Compute([Done("A", 5), Done("B", 3), ToDo("C", 8), Excluded("D", points: 13)], ProgressModel.Points);

        Assert.Equal(0.5, b.Value);
        Assert.Equal((8.0, 16.0), (b.Numerator, b.Denominator));
        Assert.Equal(CountBasis.Points, b.CountedBy);
        Assert.Equal(new PointsSummary(8, 0, 16, 3, 0, null, null), b.Points);
        Assert.Equal("8 of 16 points done · 1 excluded (won't do) · counted by story points", b.Summary);
    }

    [Fact]
    public void Unestimated_items_take_the_mean_of_the_estimated_ones()
    {
        var b = Compute([Done("A", 2), ToDo("B", 4), Done("C"), ToDo("D")], ProgressModel.Points);

        // Mean of 2 and 4 is 3: done = 2 + 3, total = 2 + 4 + 3 + 3.
        Assert.Equal(5.0 / 12, b.Value);
        Assert.Equal(3, b.Points!.ImputedEstimate);
        Assert.Equal("mean", b.Points.ImputedFrom);
        Assert.Contains("2 unestimated issues counted as 3 points each (the mean of the estimated ones)", b.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Unestimated_items_take_the_configured_default_when_set()
    {
        var b = Compute([Done("A", 2), ToDo("B")], ProgressModel.Points, new LinkProgressOptions { DefaultEstimate = 8 });

        Assert.Equal(0.2, b.Value);
        Assert.Equal("default", b.Points!.ImputedFrom);
    }

    [Fact]
    public void No_item_estimated_falls_back_to_count_and_says_so()
    {
        var b = Compute([Done("A"), ToDo("B"), ToDo("C"), ToDo("D")], ProgressModel.Points);

        Assert.Equal(0.25, b.Value);
        Assert.Equal(ProgressModel.Points, b.Model);
        Assert.Equal(CountBasis.Issues, b.CountedBy);
        Assert.Contains(b.Notes, n => n.Code == ProgressNoteCodes.NoEstimates);
        Assert.Equal("1 of 4 issues done · no issue is estimated · counted by issues instead of story points", b.Summary);
    }

    [Fact]
    public void All_estimates_zero_falls_back_to_count()
    {
        var b = Compute([Done("A", 0), ToDo("B", 0)], ProgressModel.Points);

        Assert.Equal(0.5, b.Value);
        Assert.Contains(b.Notes, n => n.Code == ProgressNoteCodes.ZeroPoints);
    }

    [Fact]
    public void Status_weighted_gives_half_credit_to_in_progress()
    {
        var b = Compute([Done("A"), InProgress("B"), InProgress("C"), ToDo("D")], ProgressModel.StatusWeighted);

        Assert.Equal(0.5, b.Value);
        Assert.Equal((2.0, 4.0), (b.Numerator, b.Denominator));
        Assert.Equal(0.5, b.InProgressWeight);
        Assert.Equal("1 done + 2 in progress × 0.5 = 2 of 4 issues · weighted by status", b.Summary);
    }

    [Fact]
    public void Status_weighted_in_progress_credit_is_configurable()
    {
        var b = Compute([InProgress("A"), ToDo("B")], ProgressModel.StatusWeighted, new LinkProgressOptions { InProgressWeight = 0.8 });

        Assert.Equal(0.4, b.Value);
    }

    [Fact]
    public void Status_weighted_can_weigh_by_points()
    {
        var options = new LinkProgressOptions { StatusWeightedBasis = CountBasis.Points };

        var b = Compute([Done("A", 2), InProgress("B", 4), ToDo("C", 2)], ProgressModel.StatusWeighted, options);

        Assert.Equal(0.5, b.Value);
        Assert.Equal(CountBasis.Points, b.CountedBy);
        Assert.Equal("2 done + 4 in progress × 0.5 = 4 of 8 points · weighted by status and story points", b.Summary);
    }

    [Fact]
    public void Status_weighted_by_points_without_estimates_weighs_per_issue()
    {
        var options = new LinkProgressOptions { StatusWeightedBasis = CountBasis.Points };

        var b = Compute([Done("A"), InProgress("B")], ProgressModel.StatusWeighted, options);

        Assert.Equal(0.75, b.Value);
        Assert.Equal(CountBasis.Issues, b.CountedBy);
        Assert.Contains(b.Notes, n => n.Code == ProgressNoteCodes.NoEstimates);
    }

    [Fact]
    public void Subtasks_and_duplicates_are_explained()
    {
        WorkItem[] items = [Done("A"), new("A-1", WorkItemClass.Done, ParentExternalId: "A", IsSubtask: true), Done("A"), ToDo("B")];

        var b = Compute(items);

        Assert.Equal(0.5, b.Value);
        Assert.Equal(1, b.SubtasksCountedThroughParent);
        Assert.Equal(1, b.DuplicatesSkipped);
        Assert.Equal("1 of 2 issues done · 1 sub-task counted through their parent · 1 duplicate already counted · counted by issues", b.Summary);
    }

    [Fact]
    public void The_epic_is_not_counted()
    {
        var b = LinkProgressCalculator.Compute([Done("EPIC-1"), ToDo("A")], ProgressModel.Count, T0, targetOwnId: "EPIC-1");

        Assert.Equal(0, b.Value);
    }

    [Fact]
    public void An_incomplete_fetch_is_marked_partial_with_its_reason()
    {
        var b = LinkProgressCalculator.Compute([Done("A")], ProgressModel.Count, T0, complete: false, fetchError: "rate limited");

        Assert.True(b.Partial);
        Assert.Equal("rate limited", b.PartialReason);
        Assert.Contains(b.Notes, n => n.Code == ProgressNoteCodes.PartialFetch);
        Assert.EndsWith("partial fetch (rate limited)", b.Summary, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.5)]
    public void Invalid_options_are_refused(double inProgressWeight) =>
        Assert.Throws<ArgumentException>(() => Compute([Done("A")], options: new LinkProgressOptions { InProgressWeight = inProgressWeight }));

    [Fact]
    public void The_breakdown_round_trips_through_json()
    {
        var b = Compute([Done("A", 2), ToDo("B"), Excluded("C")], ProgressModel.Points);

        var json = ProgressJson.Serialize(b);
        var back = ProgressJson.Deserialize<ProgressBreakdown>(json)!;

        Assert.Contains("\"model\":\"points\"", json, StringComparison.Ordinal);
        Assert.Equal(json, ProgressJson.Serialize(back));
        Assert.Equal(b.Value, back.Value);
        Assert.Equal(b.ExcludedReasons, back.ExcludedReasons);
    }

    [Fact]
    public void Status_weighted_model_is_stored_by_its_reference_name()
    {
        var json = ProgressJson.Serialize(Compute([Done("A")], ProgressModel.StatusWeighted));

        Assert.Contains("\"model\":\"status-weighted\"", json, StringComparison.Ordinal);
    }
}
