using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Api.Common;

/// <summary>Closed cycles are read-only: every write under one is refused with 409.</summary>
public sealed class WritableCycle(ICycleRepository cycles)
{
    /// <returns>null when the cycle accepts writes, otherwise the 409 problem to return.</returns>
    public async Task<ProblemHttpResult?> RefuseIfClosedAsync(Guid cycleId, CancellationToken ct)
    {
        var cycle = await cycles.GetAsync(cycleId, ct);
        return cycle is { IsClosed: true } ? Problems.ClosedCycle(cycle) : null;
    }
}
