using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Sync.Engine;

/// <summary>A link with the key result, objective and cycle it belongs to.</summary>
public sealed record LinkedKeyResult(Link Link, KeyResult KeyResult, Objective Objective, Cycle Cycle);

/// <summary>
/// Reads key results, objectives, cycles and links once per run: many links share a key result, and roll-ups walk the
/// same objectives again and again. One instance serves one run; it is not thread-safe.
/// </summary>
public sealed class OkrLookup(
    IKeyResultRepository keyResults,
    IObjectiveRepository objectives,
    ICycleRepository cycles,
    ILinkRepository links)
{
    private readonly Dictionary<Guid, KeyResult?> keyResultCache = [];
    private readonly Dictionary<Guid, Objective?> objectiveCache = [];
    private readonly Dictionary<Guid, Cycle?> cycleCache = [];
    private readonly Dictionary<Guid, IReadOnlyList<Link>> linksByKeyResult = [];
    private readonly Dictionary<Guid, IReadOnlyList<KeyResult>> keyResultsByObjective = [];
    private readonly Dictionary<Guid, IReadOnlyList<Objective>> objectivesByParent = [];

    public async Task<KeyResult?> KeyResultAsync(Guid id, CancellationToken ct) =>
        keyResultCache.TryGetValue(id, out var known) ? known : keyResultCache[id] = await keyResults.GetAsync(id, ct);

    public async Task<Objective?> ObjectiveAsync(Guid id, CancellationToken ct) =>
        objectiveCache.TryGetValue(id, out var known) ? known : objectiveCache[id] = await objectives.GetAsync(id, ct);

    public async Task<Cycle?> CycleAsync(Guid id, CancellationToken ct) =>
        cycleCache.TryGetValue(id, out var known) ? known : cycleCache[id] = await cycles.GetAsync(id, ct);

    public async Task<IReadOnlyList<Link>> LinksOfAsync(Guid keyResultId, CancellationToken ct) =>
        linksByKeyResult.TryGetValue(keyResultId, out var known)
            ? known
            : linksByKeyResult[keyResultId] = await links.ListByKeyResultAsync(keyResultId, ct);

    /// <summary>Reads the links of those of the key results not read yet, in a few queries instead of one each.</summary>
    public async Task PreloadLinksAsync(IEnumerable<Guid> keyResultIds, CancellationToken ct)
    {
        var missing = keyResultIds.Where(id => !linksByKeyResult.ContainsKey(id)).Distinct().ToList();
        if (missing.Count == 0)
        {
            return;
        }

        foreach (var (keyResultId, list) in await links.ListByKeyResultsAsync(missing, ct))
        {
            linksByKeyResult[keyResultId] = list;
        }
    }

    public async Task<IReadOnlyList<KeyResult>> KeyResultsOfAsync(Guid objectiveId, CancellationToken ct)
    {
        if (!keyResultsByObjective.TryGetValue(objectiveId, out var list))
        {
            keyResultsByObjective[objectiveId] = list = await keyResults.ListByObjectiveAsync(objectiveId, ct);
            foreach (var keyResult in list)
            {
                keyResultCache[keyResult.Id] = keyResult;
            }
        }

        return list;
    }

    public async Task<IReadOnlyList<Objective>> ObjectivesAlignedToAsync(Guid keyResultId, CancellationToken ct)
    {
        if (!objectivesByParent.TryGetValue(keyResultId, out var list))
        {
            objectivesByParent[keyResultId] = list = await objectives.ListByParentKeyResultAsync(keyResultId, ct);
            foreach (var objective in list)
            {
                objectiveCache[objective.Id] = objective;
            }
        }

        return list;
    }

    /// <summary>The link's key result, objective and cycle; null when any of them is gone.</summary>
    public async Task<LinkedKeyResult?> ResolveAsync(Link link, CancellationToken ct)
    {
        if (await KeyResultAsync(link.KeyResultId, ct) is not { } keyResult
            || await ObjectiveAsync(keyResult.ObjectiveId, ct) is not { } objective
            || await CycleAsync(objective.CycleId, ct) is not { } cycle)
        {
            return null;
        }

        return new LinkedKeyResult(link, keyResult, objective, cycle);
    }
}
