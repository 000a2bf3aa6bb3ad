using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.Objectives;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Practice.Decomposition;

/// <summary>
/// POST /api/key-results/{id}/decompose (manager+): creates child objectives aligned to the key result and switches its
/// measure to children, all or nothing. Everything is validated before anything is written.
/// </summary>
public static class DecompositionApi
{
    public static IEndpointRouteBuilder MapDecompositionApi(this IEndpointRouteBuilder api)
    {
        api.MapPost("/key-results/{id:guid}/decompose", Decompose)
            .WithTags("Key results")
            .WithName("DecomposeKeyResult")
            .RequireAuthorization(Policies.RequireManager);
        return api;
    }

    public static async Task<Results<Created<DecompositionResponse>, ValidationProblem, ProblemHttpResult>> Decompose(
        Guid id,
        DecomposeRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        ICycleRepository cycles,
        ILinkRepository links,
        IDecompositionRepository decompositions,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(id, caller, ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", id);
        }

        var cycle = await cycles.GetAsync(found.Objective.CycleId, ct);
        if (cycle is null)
        {
            return Problems.NotFound("Key result", id);
        }

        if (cycle.IsClosed)
        {
            return Problems.ClosedCycle(cycle);
        }

        var errors = request.Validate();
        var keyResult = found.KeyResult;
        if (keyResult.Measure == MeasureKind.Work && (await links.ListByKeyResultAsync(id, ct)).Count is > 0 and var linkCount)
        {
            // The same rule as changing the measure by PATCH: links would silently stop counting.
            errors.Add("keyResult", $"Key result {id} has {linkCount} link(s); delete them before decomposing it into objectives.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        // Moving away from the metric measure drops the metric values, as a PATCH of the measure does.
        var decomposed = keyResult with { Measure = MeasureKind.Children, MetricStart = null, MetricTarget = null, MetricCurrent = null, Unit = null };
        var now = clock.GetStoredUtcNow();

        // A microsecond apart, so the objectives list in the order they were given (lists sort by creation time).
        var children = request.Objectives!
            .Select((child, index) => child.ToObjective(cycle.Id, id, caller, now.AddTicks(index * 10)))
            .ToList();

        if (!await decompositions.DecomposeAsync(decomposed, children, ct))
        {
            return await cycles.GetAsync(cycle.Id, ct) is { IsClosed: true } closed
                ? Problems.ClosedCycle(closed)
                : Problems.NotFound("Key result", id);
        }

        return TypedResults.Created(
            $"/api/key-results/{id}",
            new DecompositionResponse(KeyResultResponse.From(decomposed), children.Select(ObjectiveResponse.From).ToList()));
    }
}
