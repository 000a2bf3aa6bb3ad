using Hangfire;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Coordination;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.Scheduling;

/// <summary>
/// The Hangfire jobs. They take a connector id only (never settings or secrets, which would sit in job storage in
/// plaintext) and are safe to run twice: the lease serialises them and the content hash makes a repeated write-back a
/// no-op. Tracker failures are absorbed by the engine, so a retry here means storage failed; two retries, not
/// Hangfire's ten, since the next scheduled run comes soon anyway.
/// </summary>
[AutomaticRetry(Attempts = 2)]
public sealed class SyncJobs(SyncCoordinator coordinator)
{
    public static string SyncJobId(Guid connectorId) => $"sync:{connectorId:D}";

    public static string ReconcileJobId(Guid connectorId) => $"reconcile:{connectorId:D}";

    [JobDisplayName("Sync connector {0}")]
    public Task SyncConnectorAsync(Guid connectorId, CancellationToken ct) =>
        coordinator.RunAsync(new SyncScope(connectorId, SyncTrigger.Schedule), ct);

    [JobDisplayName("Reconcile connector {0} (full read)")]
    public Task ReconcileConnectorAsync(Guid connectorId, CancellationToken ct) =>
        coordinator.RunAsync(new SyncScope(connectorId, SyncTrigger.Reconcile), ct);

    [JobDisplayName("Sync connector {0} now (manual)")]
    public Task SyncConnectorNowAsync(Guid connectorId, CancellationToken ct) =>
        coordinator.RunAsync(new SyncScope(connectorId, SyncTrigger.Manual), ct);
}
