using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Progress;

public class KeyResultProgressCalculatorTests
{
    [Fact]
    public void Work_key_result_is_the_weighted_mean_of_its_links()
    {
        var heavy = new LinkFetch(Link(weight: 3), [Done("A-1"), ToDo("A-2")], T0);
        var light = new LinkFetch(Link(weight: 1, targetKey: "PROJ-2"), [Done("B-1")], T0);

        var result = KeyResultProgressCalculator.ComputeWork([heavy, light]);

        Assert.Equal((3 * 0.5 + 1 * 1.0) / 4, result.Value);
        Assert.False(result.Stale);
    }

    [Fact]
    public void Links_with_no_work_carry_no_weight()
    {
        var working = new LinkFetch(Link(), [Done("A-1"), ToDo("A-2")], T0);
        var empty = new LinkFetch(Link(weight: 10, targetKey: "PROJ-2"), [Excluded("B-1")], T0);

        var result = KeyResultProgressCalculator.ComputeWork([working, empty]);

        Assert.Equal(0.5, result.Value);
        Assert.Null(result.Links.Single(l => l.Weight == 10).Value);
    }

    [Fact]
    public void No_link_with_work_is_no_progress()
    {
        Assert.Null(KeyResultProgressCalculator.ComputeWork([]).Value);
        Assert.Null(KeyResultProgressCalculator.ComputeWork([new LinkFetch(Link(), [], T0)]).Value);
    }

    [Fact]
    public void An_issue_reachable_through_two_links_counts_once_in_the_oldest_link()
    {
        var older = Link(createdMinute: 0, targetKey: "PROJ-1");
        var newer = Link(createdMinute: 5, targetKey: "PROJ-2");
        var shared = Done("SHARED-1");

        // Given newest first: order is by creation, not by argument order.
        var result = KeyResultProgressCalculator.ComputeWork(
        [
            new LinkFetch(newer, [shared, ToDo("N-1")], T0),
            new LinkFetch(older, [shared, ToDo("O-1")], T0),
        ]);

        var olderPart = result.Links.Single(l => l.LinkId == older.Id);
        var newerPart = result.Links.Single(l => l.LinkId == newer.Id);
        Assert.Equal(older.Id, result.Links[0].LinkId);
        Assert.Equal((1, 1, 0), (olderPart.Breakdown.Done, olderPart.Breakdown.ToDo, olderPart.Breakdown.DuplicatesSkipped));
        Assert.Equal((0, 1, 1), (newerPart.Breakdown.Done, newerPart.Breakdown.ToDo, newerPart.Breakdown.DuplicatesSkipped));
        Assert.Equal(0.25, result.Value);
    }

    [Fact]
    public void Links_created_at_the_same_time_are_ordered_by_id()
    {
        var first = Link(id: Guid.Parse("00000000-0000-0000-0000-000000000001"));
        var second = Link(id: Guid.Parse("00000000-0000-0000-0000-000000000002"));

        var result = KeyResultProgressCalculator.ComputeWork(
            [new LinkFetch(second, [Done("X")], T0), new LinkFetch(first, [Done("X")], T0)]);

        Assert.Equal(1, result.Links.Single(l => l.LinkId == first.Id).Breakdown.Done);
        Assert.Null(result.Links.Single(l => l.LinkId == second.Id).Value);
    }

    [Fact]
    public void Same_id_on_different_connectors_is_not_a_duplicate()
    {
        var result = KeyResultProgressCalculator.ComputeWork(
        [
            new LinkFetch(Link(connectorId: Guid.NewGuid()), [Done("X-1")], T0),
            new LinkFetch(Link(connectorId: Guid.NewGuid()), [ToDo("X-1")], T0),
        ]);

        Assert.Equal(0.5, result.Value);
    }

    [Fact]
    public void A_subtask_counts_through_a_parent_reached_by_another_link()
    {
        var result = KeyResultProgressCalculator.ComputeWork(
        [
            new LinkFetch(Link(createdMinute: 0, targetKey: "EPIC-1"), [ToDo("STORY-1")], T0),
            new LinkFetch(Link(createdMinute: 1, targetKey: "jql"), [new WorkItem("SUB-1", WorkItemClass.Done, ParentExternalId: "STORY-1", IsSubtask: true)], T0),
        ]);

        Assert.Equal(0, result.Value);
        Assert.Equal(1, result.Links[1].Breakdown.SubtasksCountedThroughParent);
    }

    [Fact]
    public void The_link_target_key_is_its_own_id_by_default()
    {
        var result = KeyResultProgressCalculator.ComputeWork([new LinkFetch(Link(targetKey: "EPIC-1"), [Done("EPIC-1"), ToDo("A")], T0)]);

        Assert.Equal(0, result.Value);
    }

    [Fact]
    public void A_partial_link_rolls_up_its_last_complete_value_and_marks_the_key_result_stale()
    {
        var link = Link();
        var fetched = new TargetItems(new TargetRef("jira-epic", "PROJ-1"), [Done("A"), Done("B")], Complete: false, Error: "HTTP 429");
        var last = new Dictionary<Guid, LastCompleteProgress> { [link.Id] = new(0.25, T0.AddDays(-1)) };

        var result = KeyResultProgressCalculator.ComputeWork([LinkFetch.From(link, fetched, T0)], last);

        Assert.Equal(0.25, result.Value);
        Assert.True(result.Stale);
        Assert.Equal(1.0, result.Links[0].Breakdown.Value);
        Assert.StartsWith("HTTP 429", result.Links[0].StaleReason, StringComparison.Ordinal);
    }

    [Fact]
    public void Stored_link_values_roll_up_the_same_way() =>
        Assert.Equal(0.75, KeyResultProgressCalculator.FromLinkValues([(Link(weight: 1), 0.5), (Link(weight: 1), 1.0), (Link(weight: 5), null)]));

    [Fact]
    public void Children_key_result_is_the_weighted_mean_of_its_aligned_objectives()
    {
        var value = KeyResultProgressCalculator.FromChildren([(Objective(weight: 1), 1.0), (Objective(weight: 3), 0.2), (Objective(weight: 9), null)]);

        Assert.Equal((1.0 + 0.6) / 4, value!.Value, 12);
    }

    [Fact]
    public void Metric_key_result_uses_its_metric_values() =>
        Assert.Equal(0.75, KeyResultProgressCalculator.FromMetric(KeyResult(measure: MeasureKind.Metric, start: 120, target: 20, current: 45)));
}
