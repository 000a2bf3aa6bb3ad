using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Host.Api.CheckIns;

/// <summary>
/// Check-ins on a key result: its owner (a member or above) or any manager posts them; whoever sees the key result reads them.
/// </summary>
public static class CheckInsApi
{
    /// <summary>The history source of a metric value entered in a check-in.</summary>
    public const string HistorySource = "check-in";

    public static IEndpointRouteBuilder MapCheckInsApi(this IEndpointRouteBuilder api)
    {
        var checkIns = api.MapGroup("/key-results/{keyResultId:guid}/check-ins").WithTags("Check-ins");
        checkIns.MapPost("", CreateCheckIn).WithName("CreateCheckIn").RequireAuthorization(Policies.RequireMember);
        checkIns.MapGet("", ListCheckIns).WithName("ListCheckIns");
        return api;
    }

    public static async Task<Results<Created<CheckInResponse>, ValidationProblem, ProblemHttpResult>> CreateCheckIn(
        Guid keyResultId,
        CreateCheckInRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        ICheckInRepository checkIns,
        IKeyResultRepository keyResults,
        IProgressRepository progress,
        AlignmentRollUpRecorder rollUp,
        IObjectiveRepository objectives,
        ICycleRepository cycles,
        ILinkRepository links,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(keyResultId, caller, ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", keyResultId);
        }

        var keyResult = found.KeyResult;
        if (keyResult.Owner != caller.Subject && !caller.IsAtLeast(Role.Manager))
        {
            return Problems.Forbidden(
                $"Only the key result's owner ({keyResult.Owner}) or a manager can check in on it; you are {caller.Subject}, a {caller.Role.ToClaimValue()}.");
        }

        if (await writable.RefuseIfClosedAsync(found.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var errors = request.Validate(keyResult);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var now = clock.GetStoredUtcNow();
        var checkIn = request.ToCheckIn(keyResultId, caller, now);
        await checkIns.InsertAsync(checkIn, ct);
        if (request.Value is { } value)
        {
            var moved = keyResult with { MetricCurrent = value };
            await keyResults.UpdateAsync(moved, ct);
            var metric = MetricProgress.Compute(moved);
            await progress.RecordKeyResultProgressAsync(
                new ProgressHistoryEntry(keyResultId, metric.Value, ProgressJson.Serialize(metric), HistorySource, now), ct);

            // Children key results above move with it, as they do after a sync.
            await rollUp.RecordAsync([found.Objective.Id], now, new OkrLookup(keyResults, objectives, cycles, links), ct);
        }

        return TypedResults.Created($"/api/key-results/{keyResultId}/check-ins", CheckInResponse.From(checkIn));
    }

    /// <summary>Newest first.</summary>
    public static async Task<Results<Ok<Page<CheckInResponse>>, ValidationProblem, ProblemHttpResult>> ListCheckIns(
        Guid keyResultId,
        [AsParameters] PageQuery page,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        ICheckInRepository checkIns,
        CancellationToken ct)
    {
        var errors = page.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await visible.FindKeyResultAsync(keyResultId, user.ToCaller(), ct) is null)
        {
            return Problems.NotFound("Key result", keyResultId);
        }

        var found = await checkIns.ListByKeyResultAsync(keyResultId, page.Skip, page.Take, ct);
        return TypedResults.Ok(found.Map(CheckInResponse.From));
    }
}
