using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Progress;

namespace OkrConnect.Host.Api.Map;

/// <summary>
/// Builds a cycle's alignment tree as the caller may see it. Values are computed over everything (hidden objectives
/// still count in their parent's progress); only what is shown is filtered. An objective whose parent key result is in
/// another cycle, or under an objective the caller cannot see, is shown at the top.
/// </summary>
public sealed class CycleMapBuilder(IObjectiveRepository objectives, IKeyResultRepository keyResults, ProgressTreeLoader loader)
{
    public async Task<CycleMapResponse> BuildAsync(Cycle cycle, Caller caller, CancellationToken ct)
    {
        var cycleObjectives = await objectives.ListByCycleAsync(cycle.Id, ct);
        var cycleKeyResults = await keyResults.ListByCycleAsync(cycle.Id, ct);
        var tree = await loader.LoadAsync(cycleObjectives, cycleKeyResults, ct);

        var shown = cycleObjectives.Where(caller.CanSee).ToDictionary(o => o.Id);
        var shownKeyResultIds = cycleKeyResults.Where(k => shown.ContainsKey(k.ObjectiveId)).Select(k => k.Id).ToHashSet();
        var topLevel = shown.Values
            .Where(o => o.ParentKeyResultId is not { } parent || !shownKeyResultIds.Contains(parent))
            .OrderBy(o => o.CreatedAt);

        var placed = new HashSet<Guid>();
        var map = new CycleMapResponse(
            cycle.Id,
            cycle.Name,
            cycle.State,
            cycle.StartDate,
            cycle.EndDate,
            CyclePace.ExpectedProgress(cycle, DateOnly.FromDateTime(tree.Now.UtcDateTime)),
            topLevel.Select(o => Node(o, tree, shown, placed)).ToList());
        return map;
    }

    private static MapObjective Node(Objective objective, ProgressTree tree, Dictionary<Guid, Objective> shown, HashSet<Guid> placed)
    {
        placed.Add(objective.Id);
        var rollUp = tree.ObjectiveValue(objective.Id);
        var counting = tree.CountingKeyResults(objective.Id).Select(k => k.Id).ToHashSet();
        var keyResultNodes = new List<MapKeyResult>();
        var atRisk = false;
        foreach (var keyResult in tree.Graph.KeyResultsOf(objective.Id).OrderBy(k => k.CreatedAt))
        {
            var risk = tree.Risk(keyResult);
            atRisk |= risk.AtRisk && counting.Contains(keyResult.Id);

            // Each objective appears once even if bad data aligned it in a loop.
            var children = tree.Graph.ObjectivesAlignedTo(keyResult.Id)
                .Where(o => shown.ContainsKey(o.Id) && !placed.Contains(o.Id))
                .OrderBy(o => o.CreatedAt)
                .ToList();
            keyResultNodes.Add(new MapKeyResult(
                keyResult.Id,
                keyResult.Title,
                keyResult.Owner,
                keyResult.Type,
                keyResult.Measure,
                keyResult.Weight,
                tree.KeyResultValue(keyResult.Id),
                risk.AtRisk,
                risk.Reasons.Select(r => RiskReasonResponse.From(r)).ToList(),
                children.Where(o => !placed.Contains(o.Id)).Select(o => Node(o, tree, shown, placed)).ToList(),
                tree.SourceOf(keyResult.Id)));
        }

        return new MapObjective(
            objective.Id, objective.Title, objective.Level, objective.Owner, objective.Team, objective.Visibility,
            objective.Weight, rollUp.Value, rollUp.Plus, atRisk, keyResultNodes);
    }
}
