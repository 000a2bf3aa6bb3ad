using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.ManualProgress;

/// <summary>
/// PUT/DELETE /api/key-results/{id}/manual-progress: the owner (a member or above) or any manager overrides a work key
/// result's progress by hand. The value holds, labelled manual, until the sync engine detects a change in the linked
/// work (docs: "Manual values and closed cycles"). Metric key results take their value from check-ins instead, and
/// children key results from their aligned objectives, so only work key results take one.
/// </summary>
public static class ManualProgressApi
{
    /// <summary>The history source of a manual value being set or cleared by a person.</summary>
    public const string HistorySource = "manual";

    public static IEndpointRouteBuilder MapManualProgressApi(this IEndpointRouteBuilder api)
    {
        var manual = api.MapGroup("/key-results/{keyResultId:guid}/manual-progress").WithTags("Progress");
        manual.MapPut("", SetManualProgress).WithName("SetManualProgress").RequireAuthorization(Policies.RequireMember);
        manual.MapDelete("", ClearManualProgress).WithName("ClearManualProgress").RequireAuthorization(Policies.RequireMember);
        return api;
    }

    public static async Task<Results<Ok<ManualProgressResponse>, ValidationProblem, ProblemHttpResult>> SetManualProgress(
        Guid keyResultId,
        SetManualProgressRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IManualProgressRepository manualProgress,
        ProgressHistoryWriter history,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(keyResultId, caller, ct);
        if (Refusal(found, keyResultId, caller) is { } refused)
        {
            return refused;
        }

        if (await writable.RefuseIfClosedAsync(found!.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var errors = request.Validate();
        if (found.KeyResult.Measure != MeasureKind.Work)
        {
            errors.Add(
                "keyResultId",
                $"Only work key results take a manual progress value; key result {keyResultId} is measured by {JsonErrorMessages.WireName(found.KeyResult.Measure)}.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetStoredUtcNow();
        var record = new ManualProgressRecord(keyResultId, request.Value!.Value, now, caller.Subject, request.Reason!.Trim());
        await manualProgress.SetAsync(record, ct);
        await history.RecordAsync(found, new { manual = true, setBy = record.SetBy, reason = record.Reason }, now, ct);
        return TypedResults.Ok(ManualProgressResponse.From(record));
    }

    /// <summary>Back to the computed value. Idempotent: clearing a key result without a manual value changes nothing.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> ClearManualProgress(
        Guid keyResultId,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IManualProgressRepository manualProgress,
        ProgressHistoryWriter history,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(keyResultId, caller, ct);
        if (Refusal(found, keyResultId, caller) is { } refused)
        {
            return refused;
        }

        if (await writable.RefuseIfClosedAsync(found!.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        if (await manualProgress.ClearAsync(keyResultId, ct))
        {
            await history.RecordAsync(found, new { manual = false, clearedBy = caller.Subject }, clock.GetStoredUtcNow(), ct);
        }

        return TypedResults.NoContent();
    }

    private static ProblemHttpResult? Refusal(VisibleKeyResult? found, Guid keyResultId, Caller caller) =>
        found is null
            ? Problems.NotFound("Key result", keyResultId)
            : found.KeyResult.Owner != caller.Subject && !caller.IsAtLeast(Role.Manager)
                ? Problems.Forbidden(
                    $"Only the key result's owner ({found.KeyResult.Owner}) or a manager can set its progress by hand; you are {caller.Subject}, a {caller.Role.ToClaimValue()}.")
                : null;
}
