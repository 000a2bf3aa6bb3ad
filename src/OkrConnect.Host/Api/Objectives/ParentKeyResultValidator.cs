using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Objectives;

/// <summary>
/// Checks an objective's parent key result: it must exist for the caller, and aligning to it must not close a loop
/// (Core's <see cref="AlignmentGraph"/> decides, over the chain of ancestors loaded here). An alignment that would
/// change what a closed cycle's key result rolls up is refused too: its progress was scored at close and is frozen.
/// </summary>
public sealed class ParentKeyResultValidator(
    IObjectiveRepository objectives, IKeyResultRepository keyResults, ICycleRepository cycles, VisibleOkrs visible)
{
    /// <summary>
    /// The 409 to return when moving an objective from <paramref name="currentParentId"/> to <paramref name="newParentId"/>
    /// (either may be null: not aligned) would add to or take from a key result of a closed cycle; null when it would not.
    /// </summary>
    public async Task<ProblemHttpResult?> RefuseIfFrozenAsync(Guid? currentParentId, Guid? newParentId, CancellationToken ct)
    {
        if (currentParentId == newParentId)
        {
            return null;
        }

        foreach (var (parentId, verb) in new[] { (newParentId, "aligned to"), (currentParentId, "moved away from") })
        {
            if (parentId is { } id && await ClosedCycleOfAsync(id, ct) is { } cycle)
            {
                return Problems.Conflict(
                    $"Objectives cannot be {verb} key result {id}: it belongs to cycle '{cycle.Name}' ({cycle.Id}), which is closed, "
                    + "so what it rolls up was scored at close and is frozen.");
            }
        }

        return null;
    }

    /// <param name="objective">The objective being aligned; null for one not created yet, which cannot close a loop.</param>
    public async Task ValidateAsync(Objective? objective, Guid parentKeyResultId, Caller caller, ValidationErrors errors, CancellationToken ct)
    {
        var parent = await visible.FindKeyResultAsync(parentKeyResultId, caller, ct);
        if (parent is null)
        {
            errors.Add("parentKeyResultId", $"Key result {parentKeyResultId} does not exist.");
            return;
        }

        if (objective is null)
        {
            return;
        }

        var (chainObjectives, chainKeyResults) = await LoadAncestryAsync(parent, ct);
        var check = new AlignmentGraph([.. chainObjectives, objective], chainKeyResults).CheckParent(objective.Id, parentKeyResultId);
        if (check.ClosesLoop)
        {
            var path = string.Join(" → ", check.Loop.Select(id => Describe(id, chainObjectives, objective, caller)));
            errors.Add(
                "parentKeyResultId",
                $"Aligning to key result '{parent.KeyResult.Title}' would form a loop; it already rolls up into this objective: {path}.");
        }
    }

    private async Task<Cycle?> ClosedCycleOfAsync(Guid keyResultId, CancellationToken ct) =>
        await keyResults.GetAsync(keyResultId, ct) is { } keyResult
        && await objectives.GetAsync(keyResult.ObjectiveId, ct) is { } owner
        && await cycles.GetAsync(owner.CycleId, ct) is { IsClosed: true } cycle
            ? cycle
            : null;

    /// <summary>The parent key result, its objective, and every objective and key result above them.</summary>
    private async Task<(List<Objective> Objectives, List<KeyResult> KeyResults)> LoadAncestryAsync(VisibleKeyResult parent, CancellationToken ct)
    {
        var chainObjectives = new List<Objective> { parent.Objective };
        var chainKeyResults = new List<KeyResult> { parent.KeyResult };
        var seen = new HashSet<Guid> { parent.Objective.Id };
        var current = parent.Objective;
        while (current.ParentKeyResultId is { } parentId && await keyResults.GetAsync(parentId, ct) is { } keyResult)
        {
            chainKeyResults.Add(keyResult);
            if (!seen.Add(keyResult.ObjectiveId) || await objectives.GetAsync(keyResult.ObjectiveId, ct) is not { } owner)
            {
                break;
            }

            chainObjectives.Add(owner);
            current = owner;
        }

        return (chainObjectives, chainKeyResults);
    }

    private static string Describe(Guid id, List<Objective> chain, Objective aligned, Caller caller)
    {
        if (id == aligned.Id)
        {
            return $"'{aligned.Title}' (this objective)";
        }

        var objective = chain.Find(o => o.Id == id);
        return objective is not null && caller.CanSee(objective) ? $"'{objective.Title}'" : "an objective you cannot see";
    }
}
