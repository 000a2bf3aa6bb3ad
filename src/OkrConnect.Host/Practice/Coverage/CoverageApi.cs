using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Practice.Coverage;

/// <summary>GET /api/cycles/{id}/coverage: key results with no (healthy) work behind them, as the caller may see them.</summary>
public static class CoverageApi
{
    public static IEndpointRouteBuilder MapCoverageApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/cycles/{id:guid}/coverage", GetCoverage).WithTags("Cycles").WithName("GetCycleCoverage");
        return api;
    }

    public static async Task<Results<Ok<CoverageReport>, ProblemHttpResult>> GetCoverage(
        Guid id, ClaimsPrincipal user, ICycleRepository cycles, CoverageLoader loader, CancellationToken ct)
    {
        var cycle = await cycles.GetAsync(id, ct);
        return cycle is null
            ? Problems.NotFound("Cycle", id)
            : TypedResults.Ok(await loader.BuildAsync(cycle, user.ToCaller(), ct));
    }
}
