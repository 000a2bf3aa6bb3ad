using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Alignment;

/// <summary>
/// Whether aligning an objective to a key result would close a loop, and the objectives on it (starting with the
/// key result's objective, ending with the objective being aligned), so the API can name them.
/// </summary>
public sealed record AlignmentCheck(bool ClosesLoop, IReadOnlyList<Guid> Loop);

/// <summary>
/// Objectives and key results with their alignment edges (objective → parent key result → its objective → ...).
/// Built from whatever the store returned: duplicate ids keep the last row, dangling references end a walk.
/// </summary>
public sealed class AlignmentGraph
{
    private readonly Dictionary<Guid, Objective> objectives = [];
    private readonly Dictionary<Guid, KeyResult> keyResults = [];
    private readonly Dictionary<Guid, List<Objective>> alignedTo = [];
    private readonly Dictionary<Guid, List<KeyResult>> keyResultsByObjective = [];

    public AlignmentGraph(IEnumerable<Objective> objectives, IEnumerable<KeyResult> keyResults)
    {
        foreach (var objective in objectives)
        {
            this.objectives[objective.Id] = objective;
        }

        foreach (var keyResult in keyResults)
        {
            this.keyResults[keyResult.Id] = keyResult;
        }

        foreach (var objective in this.objectives.Values.Where(o => o.ParentKeyResultId is not null))
        {
            Bucket(alignedTo, objective.ParentKeyResultId!.Value).Add(objective);
        }

        foreach (var keyResult in this.keyResults.Values)
        {
            Bucket(keyResultsByObjective, keyResult.ObjectiveId).Add(keyResult);
        }
    }

    public IReadOnlyCollection<Objective> Objectives => objectives.Values;

    public IReadOnlyCollection<KeyResult> KeyResults => keyResults.Values;

    public Objective? FindObjective(Guid id) => objectives.GetValueOrDefault(id);

    public KeyResult? FindKeyResult(Guid id) => keyResults.GetValueOrDefault(id);

    public IReadOnlyList<KeyResult> KeyResultsOf(Guid objectiveId) =>
        keyResultsByObjective.TryGetValue(objectiveId, out var list) ? list : [];

    public IReadOnlyList<Objective> ObjectivesAlignedTo(Guid keyResultId) =>
        alignedTo.TryGetValue(keyResultId, out var list) ? list : [];

    /// <summary>
    /// Would setting <paramref name="objectiveId"/>'s parent key result to <paramref name="parentKeyResultId"/> close
    /// a loop? Walks up from that key result's objective through its ancestors; reaching the objective itself means a
    /// loop (a key result of the objective itself is the shortest one). The walk is iterative and stops on loops
    /// already present in bad data, so any depth is safe.
    /// </summary>
    public AlignmentCheck CheckParent(Guid objectiveId, Guid parentKeyResultId)
    {
        var path = new List<Guid>();
        var visited = new HashSet<Guid>();
        Guid? next = parentKeyResultId;

        while (next is { } keyResultId && keyResults.TryGetValue(keyResultId, out var keyResult))
        {
            var owner = keyResult.ObjectiveId;
            path.Add(owner);
            if (owner == objectiveId)
            {
                return new AlignmentCheck(true, path);
            }

            if (!visited.Add(owner) || !objectives.TryGetValue(owner, out var ownerObjective))
            {
                break;
            }

            next = ownerObjective.ParentKeyResultId;
        }

        return new AlignmentCheck(false, []);
    }

    public bool WouldCloseLoop(Guid objectiveId, Guid parentKeyResultId) => CheckParent(objectiveId, parentKeyResultId).ClosesLoop;

    /// <summary>The objectives above <paramref name="objectiveId"/>, nearest first; stops at a loop in bad data.</summary>
    public IReadOnlyList<Guid> AncestorsOf(Guid objectiveId)
    {
        var ancestors = new List<Guid>();
        var visited = new HashSet<Guid> { objectiveId };
        var current = FindObjective(objectiveId);

        while (current?.ParentKeyResultId is { } parentId
            && keyResults.TryGetValue(parentId, out var parent)
            && visited.Add(parent.ObjectiveId))
        {
            ancestors.Add(parent.ObjectiveId);
            current = FindObjective(parent.ObjectiveId);
        }

        return ancestors;
    }

    private static List<T> Bucket<T>(Dictionary<Guid, List<T>> buckets, Guid key)
    {
        if (!buckets.TryGetValue(key, out var list))
        {
            buckets[key] = list = [];
        }

        return list;
    }
}
