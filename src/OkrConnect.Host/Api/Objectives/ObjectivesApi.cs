using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.Objectives;

/// <summary>/api/objectives: reads respect visibility (hidden = 404); managers create, edit and delete.</summary>
public static class ObjectivesApi
{
    public static IEndpointRouteBuilder MapObjectivesApi(this IEndpointRouteBuilder api)
    {
        var objectives = api.MapGroup("/objectives").WithTags("Objectives");
        objectives.MapPost("", CreateObjective).WithName("CreateObjective").RequireAuthorization(Policies.RequireManager);
        objectives.MapGet("", ListObjectives).WithName("ListObjectives");
        objectives.MapGet("/{id:guid}", GetObjective).WithName("GetObjective");
        objectives.MapPatch("/{id:guid}", UpdateObjective).WithName("UpdateObjective").RequireAuthorization(Policies.RequireManager);
        objectives.MapDelete("/{id:guid}", DeleteObjective).WithName("DeleteObjective").RequireAuthorization(Policies.RequireManager);
        return api;
    }

    public static async Task<Results<Created<ObjectiveResponse>, ValidationProblem, ProblemHttpResult>> CreateObjective(
        CreateObjectiveRequest request,
        ClaimsPrincipal user,
        ICycleRepository cycles,
        IObjectiveRepository objectives,
        ParentKeyResultValidator parentKeyResults,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();

        var errors = request.Validate();
        var cycle = request.CycleId is { } cycleId ? await cycles.GetAsync(cycleId, ct) : null;
        if (request.CycleId is not null && cycle is null)
        {
            errors.Add("cycleId", $"Cycle {request.CycleId} does not exist.");
        }

        if (request.ParentKeyResultId is { } parentId)
        {
            await parentKeyResults.ValidateAsync(objective: null, parentId, caller, errors, ct);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (cycle!.IsClosed)
        {
            return Problems.ClosedCycle(cycle);
        }

        if (await parentKeyResults.RefuseIfFrozenAsync(currentParentId: null, request.ParentKeyResultId, ct) is { } frozen)
        {
            return frozen;
        }

        var objective = request.ToObjective(caller, clock.GetStoredUtcNow());
        await objectives.InsertAsync(objective, ct);
        return TypedResults.Created($"/api/objectives/{objective.Id}", ObjectiveResponse.From(objective));
    }

    /// <summary>The objectives of one cycle that the caller may see, in the repository's order.</summary>
    public static async Task<Results<Ok<Page<ObjectiveResponse>>, ValidationProblem, ProblemHttpResult>> ListObjectives(
        Guid? cycleId,
        [AsParameters] PageQuery page,
        ClaimsPrincipal user,
        ICycleRepository cycles,
        IObjectiveRepository objectives,
        CancellationToken ct)
    {
        var errors = page.Validate();
        errors.Require("cycleId", cycleId);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await cycles.GetAsync(cycleId!.Value, ct) is null)
        {
            return Problems.NotFound("Cycle", cycleId.Value);
        }

        var caller = user.ToCaller();
        var visible = (await objectives.ListByCycleAsync(cycleId.Value, ct)).Where(caller.CanSee).ToList();
        return TypedResults.Ok(page.Apply(visible).Map(ObjectiveResponse.From));
    }

    public static async Task<Results<Ok<ObjectiveResponse>, ProblemHttpResult>> GetObjective(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, CancellationToken ct)
    {
        var objective = await visible.FindObjectiveAsync(id, user.ToCaller(), ct);
        return objective is null ? Problems.NotFound("Objective", id) : TypedResults.Ok(ObjectiveResponse.From(objective));
    }

    public static async Task<Results<Ok<ObjectiveResponse>, ValidationProblem, ProblemHttpResult>> UpdateObjective(
        Guid id,
        UpdateObjectiveRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        ParentKeyResultValidator parentKeyResults,
        IObjectiveRepository objectives,
        CancellationToken ct)
    {
        var caller = user.ToCaller();

        var objective = await visible.FindObjectiveAsync(id, caller, ct);
        if (objective is null)
        {
            return Problems.NotFound("Objective", id);
        }

        if (await writable.RefuseIfClosedAsync(objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var errors = request.Validate(objective);
        if (request.ParentKeyResultId.Value is { } parentId && parentId != objective.ParentKeyResultId)
        {
            await parentKeyResults.ValidateAsync(objective, parentId, caller, errors, ct);
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (request.ParentKeyResultId.IsSet
            && await parentKeyResults.RefuseIfFrozenAsync(objective.ParentKeyResultId, request.ParentKeyResultId.Value, ct) is { } frozen)
        {
            return frozen;
        }

        var updated = request.ApplyTo(objective);
        await objectives.UpdateAsync(updated, ct);
        return TypedResults.Ok(ObjectiveResponse.From(updated));
    }

    /// <summary>Refused while other objectives align to its key results, so no alignment is left dangling.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteObjective(
        Guid id,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IObjectiveRepository objectives,
        IKeyResultRepository keyResults,
        CancellationToken ct)
    {
        var caller = user.ToCaller();

        var objective = await visible.FindObjectiveAsync(id, caller, ct);
        if (objective is null)
        {
            return Problems.NotFound("Objective", id);
        }

        if (await writable.RefuseIfClosedAsync(objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        foreach (var keyResult in await keyResults.ListByObjectiveAsync(id, ct))
        {
            var aligned = await objectives.ListByParentKeyResultAsync(keyResult.Id, ct);
            if (aligned.Count > 0)
            {
                return Problems.Conflict(
                    $"Objective {id} cannot be deleted: {aligned.Count} objective(s) align to its key result '{keyResult.Title}' ({keyResult.Id}); align them elsewhere first.");
            }
        }

        await objectives.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
