using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// After work key results changed, walks up the alignment (objective → the "children" key result it aligns to → that
/// key result's objective → …) and records the new value of every children key result on the way, so a manager's
/// decomposed key result moves with its teams' work. Values come from stored state through Core's roll-up rules;
/// key results of closed cycles are frozen and stop the walk. A loop in bad data is cut where it is met.
/// </summary>
public sealed class AlignmentRollUpRecorder(IProgressRepository progress, IManualProgressRepository manualProgress)
{
    public const string HistorySource = "roll-up";

    public async Task RecordAsync(IEnumerable<Guid> changedObjectiveIds, DateTimeOffset now, OkrLookup okr, CancellationToken ct)
    {
        var reader = new StoredProgressReader(okr, progress, manualProgress);
        var visited = new HashSet<Guid>();
        var pending = new Queue<Guid>(changedObjectiveIds.Distinct());

        while (pending.TryDequeue(out var objectiveId))
        {
            if (!visited.Add(objectiveId)
                || await okr.ObjectiveAsync(objectiveId, ct) is not { ParentKeyResultId: { } parentId }
                || await okr.KeyResultAsync(parentId, ct) is not { Measure: MeasureKind.Children } parent
                || await okr.ObjectiveAsync(parent.ObjectiveId, ct) is not { } parentObjective
                || await okr.CycleAsync(parentObjective.CycleId, ct) is not { } cycle
                || !FrozenCycleRule.AllowsAutomatedUpdate(cycle))
            {
                continue;
            }

            var value = await reader.KeyResultAsync(parent, ct);
            await progress.RecordKeyResultProgressAsync(
                new ProgressHistoryEntry(parent.Id, value, ProgressJson.Serialize(new { value, alignedObjectives = true }), HistorySource, now), ct);
            pending.Enqueue(parent.ObjectiveId);
        }
    }
}

/// <summary>
/// Progress of any key result or objective from what is stored: work key results from their links' last values,
/// metric ones from their current value, children ones from their aligned objectives (memoised, loop-safe). A stored
/// manual value of a work key result still holds (the sync engine deletes it at the first change in its work), so it wins.
/// </summary>
public sealed class StoredProgressReader(OkrLookup okr, IProgressRepository progress, IManualProgressRepository manualProgress)
{
    private readonly Dictionary<Guid, double?> keyResults = [];
    private readonly Dictionary<Guid, ObjectiveProgress> objectives = [];
    private readonly HashSet<Guid> walking = [];

    public async Task<double?> KeyResultAsync(KeyResult keyResult, CancellationToken ct)
    {
        if (keyResults.TryGetValue(keyResult.Id, out var known))
        {
            return known;
        }

        double? value;
        switch (keyResult.Measure)
        {
            case MeasureKind.Metric:
                value = KeyResultProgressCalculator.FromMetric(keyResult);
                break;
            case MeasureKind.Children:
                var children = new List<(Objective, double?)>();
                foreach (var objective in await okr.ObjectivesAlignedToAsync(keyResult.Id, ct))
                {
                    children.Add((objective, (await ObjectiveAsync(objective.Id, ct)).Value));
                }

                value = KeyResultProgressCalculator.FromChildren(children);
                break;
            default:
                var links = await okr.LinksOfAsync(keyResult.Id, ct);
                var stored = (await progress.ListLinkProgressAsync(links.Select(l => l.Id).ToList(), ct)).ToDictionary(r => r.LinkId);
                var computed = KeyResultProgressCalculator.FromLinkValues(links.Select(l => (l, stored.GetValueOrDefault(l.Id)?.Value)));
                var manual = await manualProgress.GetAsync(keyResult.Id, ct);
                value = ManualProgressRule.Resolve(computed, manual?.ToRule(), linkedWorkChangedAt: null).Value;
                break;
        }

        return keyResults[keyResult.Id] = value;
    }

    public async Task<ObjectiveProgress> ObjectiveAsync(Guid objectiveId, CancellationToken ct)
    {
        if (objectives.TryGetValue(objectiveId, out var known))
        {
            return known;
        }

        if (!walking.Add(objectiveId))
        {
            return ObjectiveProgress.None;
        }

        try
        {
            var values = new List<(KeyResult, double?)>();
            foreach (var keyResult in await okr.KeyResultsOfAsync(objectiveId, ct))
            {
                values.Add((keyResult, await KeyResultAsync(keyResult, ct)));
            }

            return objectives[objectiveId] = ObjectiveRollUp.Compute(values);
        }
        finally
        {
            walking.Remove(objectiveId);
        }
    }
}
