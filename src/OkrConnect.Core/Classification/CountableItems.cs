using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Classification;

/// <summary>How sub-tasks are counted (see docs/okr-semantics.md, "Work item completion").</summary>
public enum SubtaskCounting
{
    /// <summary>Default: a sub-task whose parent is among the counted items is dropped; the parent stands for it.</summary>
    ThroughParent,

    /// <summary>Every sub-task counts as an item of its own.</summary>
    AsItems,
}

/// <summary>The items that count for a link, and how many were set aside (so the breakdown can explain the gap).</summary>
public sealed record ItemSelection(
    IReadOnlyList<WorkItem> Items,
    bool OwnTargetSkipped,
    int SubtasksCountedThroughParent,
    int DuplicatesSkipped);

/// <summary>Chooses which fetched items count: never the link's own target, each issue once, sub-tasks per <see cref="SubtaskCounting"/>.</summary>
public static class CountableItems
{
    /// <param name="targetOwnId">The external id of the link's epic/parent issue, which never counts itself.</param>
    /// <param name="otherCountedIds">
    /// Ids counted by other links of the same key result (same connector): a sub-task whose parent is counted there is
    /// also counted through it.
    /// </param>
    /// <remarks>
    /// A sub-task whose parent is not counted anywhere (e.g. a JQL that returns only sub-tasks) counts itself:
    /// there is no parent to count it through, and dropping it would hide real work.
    /// </remarks>
    public static ItemSelection Select(
        IEnumerable<WorkItem> items,
        string? targetOwnId,
        SubtaskCounting subtasks = SubtaskCounting.ThroughParent,
        IReadOnlySet<string>? otherCountedIds = null)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var unique = new List<WorkItem>();
        var ownSkipped = false;
        var duplicates = 0;

        foreach (var item in items)
        {
            if (targetOwnId is not null && string.Equals(item.ExternalId, targetOwnId, StringComparison.OrdinalIgnoreCase))
            {
                ownSkipped = true;
            }
            else if (seen.Add(item.ExternalId))
            {
                unique.Add(item);
            }
            else
            {
                duplicates++;
            }
        }

        if (subtasks == SubtaskCounting.AsItems)
        {
            return new ItemSelection(unique, ownSkipped, 0, duplicates);
        }

        var counted = unique.FindAll(i => !CountsThroughParent(i, seen, otherCountedIds));
        return new ItemSelection(counted, ownSkipped, unique.Count - counted.Count, duplicates);
    }

    private static bool CountsThroughParent(WorkItem item, HashSet<string> ids, IReadOnlySet<string>? otherIds) =>
        item.IsSubtask
        && item.ParentExternalId is { } parent
        && (ids.Contains(parent) || (otherIds?.Contains(parent) ?? false));
}
