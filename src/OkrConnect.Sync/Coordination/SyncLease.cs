using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Sync.Coordination;

/// <summary>
/// Takes named leases in sync_locks, shared by every process on the database, so no two syncs of the same connector
/// ever run at once (Hangfire's own locks are per storage and say nothing to the webhook processor).
/// </summary>
public sealed class SyncLeases(
    ISyncLockRepository locks, SyncInstance instance, IOptions<SyncOptions> options, TimeProvider clock, ILogger<SyncLease> logger)
{
    public static string ForConnector(Guid connectorId) => $"sync:connector:{connectorId:D}";

    /// <summary>The held lease, renewed in the background until disposed; null when another owner holds it.</summary>
    public async Task<SyncLease?> TryAcquireAsync(string name, CancellationToken ct)
    {
        var ttl = TimeSpan.FromSeconds(options.Value.LeaseSeconds);
        return await locks.TryAcquireAsync(name, instance.Id, clock.GetUtcNow(), ttl, ct)
            ? new SyncLease(locks, name, instance.Id, ttl, clock, logger, ct)
            : null;
    }
}

/// <summary>
/// A held lease. <see cref="Token"/> is cancelled when renewal finds the lease taken by someone else (we stalled past
/// its expiry): the run must stop, since another process now believes it alone syncs this connector.
/// </summary>
public sealed class SyncLease : IAsyncDisposable
{
    private readonly ISyncLockRepository locks;
    private readonly string name;
    private readonly string owner;
    private readonly ILogger logger;
    private readonly CancellationTokenSource lost;
    private readonly CancellationTokenSource stopRenewing = new();
    private readonly Task renewal;
    private bool released;

    internal SyncLease(ISyncLockRepository locks, string name, string owner, TimeSpan ttl, TimeProvider clock, ILogger logger, CancellationToken ct)
    {
        this.locks = locks;
        this.name = name;
        this.owner = owner;
        this.logger = logger;
        lost = CancellationTokenSource.CreateLinkedTokenSource(ct);
        renewal = RenewAsync(ttl, clock);
    }

    public CancellationToken Token => lost.Token;

    public async ValueTask ReleaseAsync()
    {
        if (released)
        {
            return;
        }

        released = true;
        await stopRenewing.CancelAsync();
        await renewal;
        try
        {
            await locks.ReleaseAsync(name, owner, CancellationToken.None);
        }
        catch (Exception ex)
        {
            // It expires by itself; the next sync waits at most one lease lifetime.
            logger.LogWarning(ex, "Releasing lease {Lease} failed", name);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await ReleaseAsync();
        lost.Dispose();
        stopRenewing.Dispose();
    }

    private async Task RenewAsync(TimeSpan ttl, TimeProvider clock)
    {
        using var timer = new PeriodicTimer(ttl / 3, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stopRenewing.Token))
            {
                bool renewed;
                try
                {
                    renewed = await locks.RenewAsync(name, owner, clock.GetUtcNow(), ttl, stopRenewing.Token);
                }
                catch (Exception ex) when (ex is not OperationCanceledException)
                {
                    // A database hiccup: keep the run going and try again at the next tick, well before expiry.
                    logger.LogWarning(ex, "Renewing lease {Lease} failed", name);
                    continue;
                }

                if (!renewed)
                {
                    logger.LogError("Lease {Lease} was lost; stopping the run that held it", name);
                    await lost.CancelAsync();
                    return;
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Released.
        }
    }
}
