using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.Map;

/// <summary>GET /api/cycles/{id}/map: the cycle's alignment tree with progress and risk, as the caller may see it.</summary>
public static class CycleMapApi
{
    public static IEndpointRouteBuilder MapCycleMapApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/cycles/{id:guid}/map", GetCycleMap).WithTags("Cycles").WithName("GetCycleMap");
        return api;
    }

    public static async Task<Results<Ok<CycleMapResponse>, ProblemHttpResult>> GetCycleMap(
        Guid id, ClaimsPrincipal user, ICycleRepository cycles, CycleMapBuilder builder, CancellationToken ct)
    {
        var cycle = await cycles.GetAsync(id, ct);
        return cycle is null
            ? Problems.NotFound("Cycle", id)
            : TypedResults.Ok(await builder.BuildAsync(cycle, user.ToCaller(), ct));
    }
}
