using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Scoring;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>
/// GET /api/cycles/{id}/scores (JSON, or CSV with <c>format=csv</c> / <c>Accept: text/csv</c>) and
/// PUT /api/key-results/{id}/score: the owner or a manager adjusts a recorded score with a reason, after close.
/// </summary>
public static class ScoresApi
{
    public static IEndpointRouteBuilder MapScoresApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/cycles/{id:guid}/scores", GetScores)
            .WithTags("Cycles")
            .WithName("GetCycleScores")
            .Produces<string>(StatusCodes.Status200OK, ScoreCsv.MediaType);
        api.MapPut("/key-results/{id:guid}/score", AdjustScore)
            .WithTags("Key results")
            .WithName("AdjustKeyResultScore")
            .RequireAuthorization(Policies.RequireMember);
        return api;
    }

    public static async Task<Results<Ok<ScoreSheetResponse>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetScores(
        Guid id, string? format, HttpContext http, ClaimsPrincipal user, ICycleRepository cycles, ScoreSheetLoader sheets, CancellationToken ct)
    {
        if (format is not null && format is not ("json" or "csv"))
        {
            return Problems.Invalid("format", "format must be one of: json, csv.");
        }

        var cycle = await cycles.GetAsync(id, ct);
        if (cycle is null)
        {
            return Problems.NotFound("Cycle", id);
        }

        if (!cycle.IsClosed)
        {
            return Problems.Conflict($"Cycle '{cycle.Name}' is not closed yet: scores are recorded when it closes (POST /api/cycles/{id}/close).");
        }

        var sheet = await sheets.LoadAsync(cycle, user.ToCaller(), ct);
        if (!ResponseFormat.Wants(http.Request, format, "csv", ScoreCsv.MediaType))
        {
            return TypedResults.Ok(sheet);
        }

        http.Response.Headers.ContentDisposition = $"attachment; filename=\"scores-{cycle.Id:D}.csv\"";
        return TypedResults.Text(ScoreCsv.Write(sheet), $"{ScoreCsv.MediaType}; charset=utf-8");
    }

    public static async Task<Results<Ok<KeyResultScoreResponse>, ValidationProblem, ProblemHttpResult>> AdjustScore(
        Guid id,
        AdjustScoreRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        IKeyResultScoreRepository scores,
        IRetrospectiveRepository retrospectives,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(id, caller, ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", id);
        }

        if (found.KeyResult.Owner != caller.Subject && !caller.IsAtLeast(Role.Manager))
        {
            return Problems.Forbidden($"Only the key result's owner ({found.KeyResult.Owner}) or a manager can adjust its score.");
        }

        var errors = new ValidationErrors();
        errors.Require("score", request.Score);
        if (request.Score is { } value && !(value is >= 0 and <= 1))
        {
            errors.Add("score", $"score must be between 0.0 and 1.0 (got {value}).");
        }

        errors.RequireText("reason", request.Reason, TextLimits.LongText);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var recorded = await scores.GetAsync(id, ct);
        if (recorded is null)
        {
            return Problems.Conflict($"Key result {id} has no score yet: scores are recorded when its cycle closes.");
        }

        var adjusted = ScoreCalculator.Adjust(recorded.Score, request.Score!.Value, request.Reason!);
        var now = clock.GetStoredUtcNow();
        await scores.AdjustAsync(id, adjusted.Adjusted!.Value, adjusted.AdjustmentReason!, caller.Subject, now, ct);
        var record = recorded with { Score = adjusted, AdjustedBy = caller.Subject, AdjustedAt = now };
        return TypedResults.Ok(KeyResultScoreResponse.From(found.KeyResult, record, await retrospectives.GetAsync(id, ct)));
    }
}
