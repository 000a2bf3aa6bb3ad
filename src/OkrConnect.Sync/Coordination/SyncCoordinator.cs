using Microsoft.Extensions.Logging;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.Coordination;

/// <summary>The runs a request led to; empty with <see cref="Coalesced"/> when another holder will serve it.</summary>
public sealed record SyncOutcome(IReadOnlyList<SyncRun> Runs, bool Coalesced);

/// <summary>
/// The one way into the engine. Holds the connector's lease for the run; a request arriving while another run holds it
/// is queued in sync_requests and served by the holder right after its run (several requests fold into one run), so a
/// second trigger is never dropped and never runs alongside. Checking the queue after releasing, and trying the lease
/// again after queueing, closes the gap where each side could miss the other.
/// </summary>
public sealed class SyncCoordinator(
    SyncLeases leases, ISyncRequestRepository requests, SyncEngine engine, TimeProvider clock, ILogger<SyncCoordinator> logger)
{
    public async Task<SyncOutcome> RunAsync(SyncScope scope, CancellationToken ct)
    {
        var connectorId = scope.ConnectorId;
        var done = new List<SyncRun>();
        SyncScope? mine = scope;
        var queued = false;

        while (true)
        {
            await using (var lease = await leases.TryAcquireAsync(SyncLeases.ForConnector(connectorId), ct))
            {
                if (lease is null)
                {
                    if (mine is null || queued)
                    {
                        return new SyncOutcome(done, Coalesced: done.Count == 0);
                    }

                    logger.LogInformation("Connector {ConnectorId} is syncing elsewhere; queued a {Trigger} run to follow", connectorId, scope.Trigger);
                    await requests.AddAsync(new SyncRequest(Guid.NewGuid(), connectorId, mine.Trigger, mine.LinkIds, clock.GetUtcNow()), ct);
                    queued = true;
                    mine = null;
                    continue;
                }

                while (true)
                {
                    var taken = await requests.TakeAsync(connectorId, ct);
                    var parts = taken.Select(r => new SyncScope(connectorId, r.Trigger, r.LinkIds)).ToList();
                    if (mine is not null)
                    {
                        parts.Add(mine);
                        mine = null;
                    }

                    if (parts.Count == 0)
                    {
                        break;
                    }

                    try
                    {
                        done.Add(await engine.RunAsync(SyncScope.Merge(connectorId, parts), lease.Token));
                    }
                    catch
                    {
                        await RequeueAsync(taken);
                        throw;
                    }
                }

                await lease.ReleaseAsync();
            }

            if (!await requests.AnyAsync(connectorId, ct))
            {
                return new SyncOutcome(done, Coalesced: done.Count == 0);
            }

            // Someone queued between our last look and the release: serve it, unless another process takes the lease first.
            queued = true;
        }
    }

    // Others' requests taken into a run that failed go back to the queue, so the next run (a retry, the schedule) serves them.
    private async Task RequeueAsync(IReadOnlyList<SyncRequest> taken)
    {
        foreach (var request in taken)
        {
            try
            {
                await requests.AddAsync(request with { Id = Guid.NewGuid() }, CancellationToken.None);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Could not requeue sync request {RequestId}", request.Id);
            }
        }
    }
}
