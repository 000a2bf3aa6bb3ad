using OkrConnect.Core.Classification;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Tests.Classification;

public class CountableItemsTests
{
    private static WorkItem Subtask(string id, string parent) => new(id, WorkItemClass.Done, ParentExternalId: parent, IsSubtask: true);

    [Fact]
    public void The_epic_never_counts_itself()
    {
        var selection = CountableItems.Select([Build.Done("PROJ-1"), Build.ToDo("PROJ-2")], targetOwnId: "proj-1");

        Assert.Equal("PROJ-2", Assert.Single(selection.Items).ExternalId);
        Assert.True(selection.OwnTargetSkipped);
    }

    [Fact]
    public void Subtasks_count_through_their_parent_by_default()
    {
        var selection = CountableItems.Select([Build.ToDo("S-1"), Subtask("S-2", "S-1"), Subtask("S-3", "S-1")], null);

        Assert.Equal("S-1", Assert.Single(selection.Items).ExternalId);
        Assert.Equal(2, selection.SubtasksCountedThroughParent);
    }

    [Fact]
    public void Subtasks_can_count_as_items()
    {
        var selection = CountableItems.Select([Build.ToDo("S-1"), Subtask("S-2", "S-1")], null, SubtaskCounting.AsItems);

        Assert.Equal(2, selection.Items.Count);
        Assert.Equal(0, selection.SubtasksCountedThroughParent);
    }

    [Fact]
    public void A_subtask_whose_parent_is_not_counted_counts_itself()
    {
        // The parent is the link's own target (never counted), so there is nothing to count the sub-task through.
        var selection = CountableItems.Select([Build.Done("E-1"), Subtask("S-2", "E-1"), Subtask("S-3", "X-9")], "E-1");

        Assert.Equal(["S-2", "S-3"], selection.Items.Select(i => i.ExternalId));
    }

    [Fact]
    public void A_subtask_counts_through_a_parent_counted_elsewhere()
    {
        var elsewhere = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "P-1" };

        var selection = CountableItems.Select([Subtask("S-1", "p-1")], null, otherCountedIds: elsewhere);

        Assert.Empty(selection.Items);
    }

    [Fact]
    public void The_same_issue_twice_in_one_fetch_counts_once()
    {
        var selection = CountableItems.Select([Build.Done("A-1"), Build.Done("a-1"), Build.ToDo("A-2")], null);

        Assert.Equal(2, selection.Items.Count);
        Assert.Equal(1, selection.DuplicatesSkipped);
    }
}
