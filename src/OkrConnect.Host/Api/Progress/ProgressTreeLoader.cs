using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Host.Api.Progress;

/// <summary>
/// Loads what progress needs below some objectives: their key results, the links and stored link progress of work
/// key results, the objectives aligned to children key results (in any cycle) and so on down, the latest check-in
/// of each key result, manual values of work key results and the cycles involved.
/// </summary>
public sealed class ProgressTreeLoader(
    IObjectiveRepository objectives,
    IKeyResultRepository keyResults,
    ILinkRepository links,
    IProgressRepository progress,
    ICheckInRepository checkIns,
    ICycleRepository cycles,
    IManualProgressRepository manualProgress,
    TimeProvider clock)
{
    /// <param name="roots">Objectives to start from.</param>
    /// <param name="rootKeyResults">All key results of <paramref name="roots"/> when already loaded (saves one query per objective).</param>
    public async Task<ProgressTree> LoadAsync(IReadOnlyCollection<Objective> roots, IReadOnlyCollection<KeyResult>? rootKeyResults, CancellationToken ct)
    {
        var foundObjectives = roots.ToDictionary(o => o.Id);
        var foundKeyResults = new Dictionary<Guid, KeyResult>();
        var objectivesToExpand = new Queue<Objective>();
        var keyResultsToExpand = new Queue<KeyResult>();
        var linksByKeyResult = new Dictionary<Guid, IReadOnlyList<Link>>();

        if (rootKeyResults is null)
        {
            roots.ToList().ForEach(objectivesToExpand.Enqueue);
        }
        else
        {
            foreach (var keyResult in rootKeyResults.Where(k => foundKeyResults.TryAdd(k.Id, k)))
            {
                keyResultsToExpand.Enqueue(keyResult);
            }
        }

        while (objectivesToExpand.Count > 0 || keyResultsToExpand.Count > 0)
        {
            if (objectivesToExpand.TryDequeue(out var objective))
            {
                foreach (var keyResult in await keyResults.ListByObjectiveAsync(objective.Id, ct))
                {
                    if (foundKeyResults.TryAdd(keyResult.Id, keyResult))
                    {
                        keyResultsToExpand.Enqueue(keyResult);
                    }
                }

                continue;
            }

            var next = keyResultsToExpand.Dequeue();
            if (next.Measure == MeasureKind.Work)
            {
                linksByKeyResult[next.Id] = await links.ListByKeyResultAsync(next.Id, ct);
            }
            else if (next.Measure == MeasureKind.Children)
            {
                foreach (var aligned in await objectives.ListByParentKeyResultAsync(next.Id, ct))
                {
                    if (foundObjectives.TryAdd(aligned.Id, aligned))
                    {
                        objectivesToExpand.Enqueue(aligned);
                    }
                }
            }
        }

        var linkIds = linksByKeyResult.Values.SelectMany(l => l).Select(l => l.Id).ToList();
        var records = linkIds.Count == 0
            ? new Dictionary<Guid, LinkProgressRecord>()
            : (await progress.ListLinkProgressAsync(linkIds, ct)).ToDictionary(r => r.LinkId);
        var linkStates = linksByKeyResult.ToDictionary(
            entry => entry.Key,
            entry => (IReadOnlyList<LinkState>)entry.Value.Select(l => new LinkState(l, records.GetValueOrDefault(l.Id))).ToList());

        var latest = foundKeyResults.Count == 0
            ? new Dictionary<Guid, CheckIn>()
            : await checkIns.GetLatestAsync(foundKeyResults.Keys, ct);

        var foundCycles = new Dictionary<Guid, Cycle>();
        foreach (var cycleId in foundObjectives.Values.Select(o => o.CycleId).Distinct())
        {
            if (await cycles.GetAsync(cycleId, ct) is { } cycle)
            {
                foundCycles[cycleId] = cycle;
            }
        }

        var manual = await LoadManualAsync(linksByKeyResult.Keys, ct);
        var graph = new AlignmentGraph(foundObjectives.Values, foundKeyResults.Values);
        return new ProgressTree(graph, linkStates, latest, foundCycles, manual, clock.GetUtcNow());
    }

    /// <summary>
    /// Manual values of work key results, each with the last change of its linked work recorded by the sync engine
    /// since it was set. The engine clears a manual value when it records such a change, so this is only a safeguard
    /// for a value it did not get to clear; it costs a query only for the few key results with a manual value.
    /// </summary>
    private async Task<IReadOnlyDictionary<Guid, ManualState>> LoadManualAsync(IReadOnlyCollection<Guid> workKeyResultIds, CancellationToken ct)
    {
        var records = await manualProgress.ListAsync(workKeyResultIds, ct);
        var states = new Dictionary<Guid, ManualState>();
        foreach (var (keyResultId, record) in records)
        {
            var changes = (await progress.ListHistoryAsync(keyResultId, record.SetAt, ct))
                .Where(e => e.Source == WorkProgressRecalculator.HistorySource && e.RecordedAt > record.SetAt)
                .ToList();
            states[keyResultId] = new ManualState(record, changes.Count > 0 ? changes.Max(e => e.RecordedAt) : null);
        }

        return states;
    }
}
