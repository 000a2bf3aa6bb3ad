using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Practice.Scoring;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.Cycles;

/// <summary>/api/cycles: anyone signed in reads; managers create and edit; closed cycles are read-only.</summary>
public static class CyclesApi
{
    public static IEndpointRouteBuilder MapCyclesApi(this IEndpointRouteBuilder api)
    {
        var cycles = api.MapGroup("/cycles").WithTags("Cycles");
        cycles.MapPost("", CreateCycle).WithName("CreateCycle").RequireAuthorization(Policies.RequireManager);
        cycles.MapGet("", ListCycles).WithName("ListCycles");
        cycles.MapGet("/{id:guid}", GetCycle).WithName("GetCycle");
        cycles.MapPatch("/{id:guid}", UpdateCycle).WithName("UpdateCycle").RequireAuthorization(Policies.RequireManager);
        return api;
    }

    public static async Task<Results<Created<CycleResponse>, ValidationProblem, ProblemHttpResult>> CreateCycle(
        CreateCycleRequest request, ICycleRepository cycles, TimeProvider clock, CancellationToken ct)
    {

        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var cycle = request.ToCycle(clock.GetStoredUtcNow());
        await cycles.InsertAsync(cycle, ct);
        return TypedResults.Created($"/api/cycles/{cycle.Id}", CycleResponse.From(cycle));
    }

    public static async Task<Results<Ok<Page<CycleResponse>>, ValidationProblem>> ListCycles(
        [AsParameters] PageQuery page, ICycleRepository cycles, CancellationToken ct)
    {
        var errors = page.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var found = await cycles.ListAsync(page.Skip, page.Take, ct);
        return TypedResults.Ok(found.Map(CycleResponse.From));
    }

    public static async Task<Results<Ok<CycleResponse>, ProblemHttpResult>> GetCycle(
        Guid id, ICycleRepository cycles, CancellationToken ct)
    {
        var cycle = await cycles.GetAsync(id, ct);
        return cycle is null ? Problems.NotFound("Cycle", id) : TypedResults.Ok(CycleResponse.From(cycle));
    }

    /// <summary>
    /// Closing goes through <see cref="CycleClosing"/>, exactly like POST /api/cycles/{id}/close, so every key result's
    /// score is recorded in the same transaction that closes the cycle.
    /// </summary>
    public static async Task<Results<Ok<CycleResponse>, ValidationProblem, ProblemHttpResult>> UpdateCycle(
        Guid id, UpdateCycleRequest request, ICycleRepository cycles, CycleClosing closing, CancellationToken ct)
    {
        var cycle = await cycles.GetAsync(id, ct);
        if (cycle is null)
        {
            return Problems.NotFound("Cycle", id);
        }

        if (cycle.IsClosed)
        {
            return Problems.ClosedCycle(cycle);
        }

        var errors = request.Validate(cycle);
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var updated = request.ApplyTo(cycle);
        if (!updated.IsClosed)
        {
            await cycles.UpdateAsync(updated, ct);
            return TypedResults.Ok(CycleResponse.From(updated));
        }

        var renamed = updated with { State = cycle.State };
        if (renamed != cycle)
        {
            await cycles.UpdateAsync(renamed, ct);
        }

        if (!await closing.CloseAsync(renamed, ct))
        {
            return Problems.Conflict($"Cycle '{cycle.Name}' ({cycle.Id}) was closed by another request meanwhile.");
        }

        var closed = await cycles.GetAsync(id, ct);
        return closed is null ? Problems.NotFound("Cycle", id) : TypedResults.Ok(CycleResponse.From(closed));
    }
}
