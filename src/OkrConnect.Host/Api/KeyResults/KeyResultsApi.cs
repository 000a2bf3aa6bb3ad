using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.KeyResults;

/// <summary>
/// Key results: created and listed under their objective (/api/objectives/{id}/key-results), addressed on their own
/// (/api/key-results/{id}). Visible when their objective is; managers write.
/// </summary>
public static class KeyResultsApi
{
    public static IEndpointRouteBuilder MapKeyResultsApi(this IEndpointRouteBuilder api)
    {
        var underObjective = api.MapGroup("/objectives/{objectiveId:guid}/key-results").WithTags("Key results");
        underObjective.MapPost("", CreateKeyResult).WithName("CreateKeyResult").RequireAuthorization(Policies.RequireManager);
        underObjective.MapGet("", ListKeyResults).WithName("ListKeyResults");

        var keyResults = api.MapGroup("/key-results").WithTags("Key results");
        keyResults.MapGet("/{id:guid}", GetKeyResult).WithName("GetKeyResult");
        keyResults.MapPatch("/{id:guid}", UpdateKeyResult).WithName("UpdateKeyResult").RequireAuthorization(Policies.RequireManager);
        keyResults.MapDelete("/{id:guid}", DeleteKeyResult).WithName("DeleteKeyResult").RequireAuthorization(Policies.RequireManager);
        return api;
    }

    public static async Task<Results<Created<KeyResultResponse>, ValidationProblem, ProblemHttpResult>> CreateKeyResult(
        Guid objectiveId,
        CreateKeyResultRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IKeyResultRepository keyResults,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var objective = await visible.FindObjectiveAsync(objectiveId, caller, ct);
        if (objective is null)
        {
            return Problems.NotFound("Objective", objectiveId);
        }

        if (await writable.RefuseIfClosedAsync(objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var keyResult = request.ToKeyResult(objective.Id, caller, clock.GetStoredUtcNow());
        await keyResults.InsertAsync(keyResult, ct);
        return TypedResults.Created($"/api/key-results/{keyResult.Id}", KeyResultResponse.From(keyResult));
    }

    public static async Task<Results<Ok<Page<KeyResultResponse>>, ValidationProblem, ProblemHttpResult>> ListKeyResults(
        Guid objectiveId,
        [AsParameters] PageQuery page,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        IKeyResultRepository keyResults,
        CancellationToken ct)
    {
        var errors = page.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await visible.FindObjectiveAsync(objectiveId, user.ToCaller(), ct) is null)
        {
            return Problems.NotFound("Objective", objectiveId);
        }

        var all = await keyResults.ListByObjectiveAsync(objectiveId, ct);
        return TypedResults.Ok(page.Apply(all).Map(KeyResultResponse.From));
    }

    public static async Task<Results<Ok<KeyResultResponse>, ProblemHttpResult>> GetKeyResult(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, CancellationToken ct)
    {
        var found = await visible.FindKeyResultAsync(id, user.ToCaller(), ct);
        return found is null ? Problems.NotFound("Key result", id) : TypedResults.Ok(KeyResultResponse.From(found.KeyResult));
    }

    public static async Task<Results<Ok<KeyResultResponse>, ValidationProblem, ProblemHttpResult>> UpdateKeyResult(
        Guid id,
        UpdateKeyResultRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IKeyResultRepository keyResults,
        ILinkRepository links,
        CancellationToken ct)
    {
        var found = await visible.FindKeyResultAsync(id, user.ToCaller(), ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", id);
        }

        if (await writable.RefuseIfClosedAsync(found.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var linkCount = found.KeyResult.Measure == MeasureKind.Work ? (await links.ListByKeyResultAsync(id, ct)).Count : 0;
        var errors = request.Validate(found.KeyResult, linkCount);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var updated = request.ApplyTo(found.KeyResult);
        await keyResults.UpdateAsync(updated, ct);
        return TypedResults.Ok(KeyResultResponse.From(updated));
    }

    /// <summary>Refused while objectives align to the key result, so no alignment is left dangling.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteKeyResult(
        Guid id,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IKeyResultRepository keyResults,
        IObjectiveRepository objectives,
        CancellationToken ct)
    {
        var found = await visible.FindKeyResultAsync(id, user.ToCaller(), ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", id);
        }

        if (await writable.RefuseIfClosedAsync(found.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var aligned = await objectives.ListByParentKeyResultAsync(id, ct);
        if (aligned.Count > 0)
        {
            return Problems.Conflict(
                $"Key result {id} cannot be deleted: {aligned.Count} objective(s) align to it; align them elsewhere first.");
        }

        await keyResults.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
