using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Sync.Coordination;

namespace OkrConnect.Sync.Engine;

/// <summary>What a refresh of one key result did, per connector it is linked through.</summary>
public sealed record KeyResultRefresh(Guid KeyResultId, bool Frozen, IReadOnlyList<SyncRun> Runs, IReadOnlyList<Guid> QueuedConnectors);

/// <summary>
/// "Refresh now" for one key result: a full read of its own links' targets on each of their connectors, right away
/// (or queued behind a run in progress), then the write-backs. Key results of a closed cycle are frozen.
/// </summary>
public sealed class KeyResultRefresher(
    ILinkRepository links,
    IObjectiveRepository objectives,
    ICycleRepository cycles,
    SyncCoordinator coordinator)
{
    public async Task<KeyResultRefresh> RefreshAsync(KeyResult keyResult, CancellationToken ct)
    {
        var objective = await objectives.GetAsync(keyResult.ObjectiveId, ct);
        var cycle = objective is null ? null : await cycles.GetAsync(objective.CycleId, ct);
        if (cycle is null || !FrozenCycleRule.AllowsAutomatedUpdate(cycle))
        {
            return new KeyResultRefresh(keyResult.Id, Frozen: true, [], []);
        }

        var runs = new List<SyncRun>();
        var queued = new List<Guid>();
        foreach (var group in (await links.ListByKeyResultAsync(keyResult.Id, ct)).GroupBy(l => l.ConnectorId))
        {
            var outcome = await coordinator.RunAsync(new SyncScope(group.Key, SyncTrigger.Manual, group.Select(l => l.Id).ToList()), ct);
            runs.AddRange(outcome.Runs);
            if (outcome.Coalesced)
            {
                queued.Add(group.Key);
            }
        }

        return new KeyResultRefresh(keyResult.Id, Frozen: false, runs, queued);
    }
}
