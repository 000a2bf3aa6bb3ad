using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>
/// POST /api/cycles/{id}/close (manager+): freezes the cycle and records every key result's score. Closing a closed
/// cycle is 409, and two racing closes record one set of scores.
/// </summary>
public static class CycleCloseApi
{
    public static IEndpointRouteBuilder MapCycleCloseApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/cycles/{id:guid}/close", CloseCycle).WithTags("Cycles").WithName("CloseCycle").RequireAuthorization(Policies.RequireManager);
        return api;
    }

    /// <returns>The score sheet of the closed cycle, as the caller may see it.</returns>
    public static async Task<Results<Ok<ScoreSheetResponse>, ProblemHttpResult>> CloseCycle(
        Guid id, ClaimsPrincipal user, ICycleRepository cycles, CycleClosing closing, ScoreSheetLoader sheets, CancellationToken ct)
    {
        var cycle = await cycles.GetAsync(id, ct);
        if (cycle is null)
        {
            return Problems.NotFound("Cycle", id);
        }

        if (cycle.IsClosed || !await closing.CloseAsync(cycle, ct))
        {
            var closed = await cycles.GetAsync(id, ct);
            return closed is null
                ? Problems.NotFound("Cycle", id)
                : Problems.Conflict($"Cycle '{closed.Name}' ({closed.Id}) is closed already (since {closed.ClosedAt:u}); its scores were recorded then.");
        }

        return TypedResults.Ok(await sheets.LoadAsync((await cycles.GetAsync(id, ct))!, user.ToCaller(), ct));
    }
}
