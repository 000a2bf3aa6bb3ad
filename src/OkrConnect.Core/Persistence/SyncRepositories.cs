using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Persistence;

// Repository contracts of the sync engine. Implementations live in OkrConnect.Storage/Sync beside their SQL.
// Times are passed in (never read from a clock here) so leases and claims stay testable.

/// <summary>
/// The last known state of every tracker issue the engine fetched, keyed by (connector, external id), and the targets
/// (epic, JQL, parent issue…) each one was found under.
/// </summary>
public interface IWorkItemRepository
{
    /// <summary>
    /// After a complete full fetch of <paramref name="target"/>: upserts the items and makes them exactly the target's
    /// members, so items moved away or deleted in the tracker leave the target.
    /// </summary>
    Task ReplaceTargetItemsAsync(Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default);

    /// <summary>After a complete incremental fetch: upserts the changed items and adds them to the target; nothing leaves it.</summary>
    Task MergeTargetItemsAsync(Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default);

    /// <summary>
    /// Stores the outcome of many complete fetches: for each target what <see cref="ReplaceTargetItemsAsync"/> (a full
    /// fetch, <see cref="TargetItemsWrite.Replace"/>) or <see cref="MergeTargetItemsAsync"/> (an incremental one) does.
    /// Each target is atomic; targets are written a few per short transaction, so other writers (webhook
    /// acknowledgements) are never kept waiting behind the whole batch.
    /// </summary>
    Task StoreTargetsAsync(Guid connectorId, IReadOnlyList<TargetItemsWrite> targets, DateTimeOffset fetchedAt, CancellationToken ct = default);

    /// <summary>The target's items, ordered by external id.</summary>
    Task<IReadOnlyList<WorkItem>> ListByTargetAsync(Guid connectorId, TargetRef target, CancellationToken ct = default);

    /// <summary>
    /// <see cref="ListByTargetAsync"/> for many targets of one connector in a few queries: every requested target (matched
    /// exactly, as <see cref="ListByTargetAsync"/> does) is a key, with an empty list when it holds nothing.
    /// </summary>
    Task<IReadOnlyDictionary<TargetRef, IReadOnlyList<WorkItem>>> ListByTargetsAsync(Guid connectorId, IReadOnlyCollection<TargetRef> targets, CancellationToken ct = default);

    /// <summary>The targets that currently hold any of the given items (to find the links a webhook touches).</summary>
    Task<IReadOnlyList<TargetRef>> ListTargetsHoldingAsync(Guid connectorId, IReadOnlyCollection<string> externalIds, CancellationToken ct = default);

    /// <summary>
    /// The connector's version of each target's stored items (<see cref="TargetItemsWrite.Version"/>), for the targets
    /// that have one: what the next fetch may ask the tracker "changed since?" about.
    /// </summary>
    Task<IReadOnlyDictionary<TargetRef, string>> ListContentVersionsAsync(Guid connectorId, CancellationToken ct = default);

    /// <summary>The targets of the connector whose items were ever stored by a complete full fetch.</summary>
    Task<IReadOnlyList<TargetRef>> ListFullyFetchedTargetsAsync(Guid connectorId, CancellationToken ct = default);
}

/// <summary>
/// One target's complete fetch to store: <see cref="Replace"/> after a full fetch, else merged (incremental).
/// <see cref="Version"/> is the connector's token for what was read, stored with the items in the same transaction (a
/// full store without one clears it). <see cref="Unchanged"/>: the tracker confirmed the stored items; nothing is written.
/// </summary>
public sealed record TargetItemsWrite(TargetRef Target, IReadOnlyList<WorkItem> Items, bool Replace, string? Version = null, bool Unchanged = false);

/// <summary>What the engine last wrote into the tracker for one link: the remote object and a hash of its content.</summary>
public interface IWriteBackRepository
{
    Task<IReadOnlyDictionary<Guid, WriteBackState>> ListAsync(IReadOnlyCollection<Guid> linkIds, CancellationToken ct = default);

    /// <summary>
    /// Stores the remote id and content hash of a successful "ensure"; <paramref name="note"/> (else null) is why the
    /// connector wrote nothing (e.g. a query target has no single place to write to).
    /// </summary>
    Task SaveAsync(Guid linkId, string? remoteId, string contentHash, DateTimeOffset writtenAt, string? note = null, CancellationToken ct = default);

    /// <summary>Keeps remote id and hash (so the next run tries again) and remembers why this write failed.</summary>
    Task RecordErrorAsync(Guid linkId, string error, CancellationToken ct = default);

    Task DeleteAsync(Guid linkId, CancellationToken ct = default);
}

public sealed record WriteBackState(Guid LinkId, string? RemoteId, string? ContentHash, DateTimeOffset? WrittenAt, string? LastError);

/// <summary>One row per sync run: what triggered it, what it cost and what went wrong.</summary>
public interface ISyncRunRepository
{
    Task InsertAsync(SyncRun run, CancellationToken ct = default);
    Task UpdateAsync(SyncRun run, CancellationToken ct = default);
    /// <summary>Newest first.</summary>
    Task<Page<SyncRun>> ListByConnectorAsync(Guid connectorId, int offset, int limit, CancellationToken ct = default);

    /// <summary>Deletes finished runs that started before <paramref name="startedBefore"/>.</summary>
    Task<int> PruneAsync(DateTimeOffset startedBefore, CancellationToken ct = default);
}

/// <summary>
/// One sync run. <see cref="PendingWrites"/>: the tracker's paced writes (on this connector's credential) still waiting
/// for their turn when the run's last write-back finished, as the connector reported it (0 when it does not pace).
/// </summary>
public sealed record SyncRun(
    Guid Id,
    Guid ConnectorId,
    SyncTrigger Trigger,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int ApiCalls,
    int ItemsFetched,
    int WritesMade,
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, string> RateLimit,
    SyncRunStatus Status,
    int PendingWrites = 0);

public enum SyncTrigger
{
    Schedule,
    Webhook,
    Manual,
    Reconcile,
}

public enum SyncRunStatus
{
    Running,

    /// <summary>Every link was brought up to date.</summary>
    Succeeded,

    /// <summary>Some links could not be updated (stale or in error); the others were.</summary>
    Partial,

    Failed,
}

/// <summary>Per connector: the incremental-fetch watermark and when a full fetch last completed.</summary>
public interface IConnectorSyncStateRepository
{
    Task<ConnectorSyncState?> GetAsync(Guid connectorId, CancellationToken ct = default);

    /// <summary>Sets the watermark (and, for a full fetch, the full-sync time); never moves the watermark backwards.</summary>
    Task AdvanceAsync(Guid connectorId, DateTimeOffset watermark, bool fullSync, CancellationToken ct = default);
}

public sealed record ConnectorSyncState(Guid ConnectorId, DateTimeOffset? Watermark, DateTimeOffset? LastFullSyncAt);

/// <summary>Named leases shared by every process on the database: only one owner holds a name until it expires.</summary>
public interface ISyncLockRepository
{
    /// <summary>Takes the lease when it is free, expired or already ours; atomic across processes.</summary>
    Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken ct = default);

    /// <summary>Extends our lease; false when it is no longer ours (it expired and someone else took it).</summary>
    Task<bool> RenewAsync(string name, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken ct = default);

    Task ReleaseAsync(string name, string owner, CancellationToken ct = default);
}

/// <summary>
/// Sync requests that arrived while the connector's lease was held elsewhere; the holder drains them right after its run,
/// so a second trigger is coalesced into one follow-up run instead of being dropped.
/// </summary>
public interface ISyncRequestRepository
{
    Task AddAsync(SyncRequest request, CancellationToken ct = default);

    /// <summary>Removes and returns the connector's pending requests.</summary>
    Task<IReadOnlyList<SyncRequest>> TakeAsync(Guid connectorId, CancellationToken ct = default);

    Task<bool> AnyAsync(Guid connectorId, CancellationToken ct = default);
}

/// <summary>A pending request; <see cref="LinkIds"/> null means every active link of the connector.</summary>
public sealed record SyncRequest(Guid Id, Guid ConnectorId, SyncTrigger Trigger, IReadOnlyList<Guid>? LinkIds, DateTimeOffset RequestedAt);

/// <summary>Verified webhook deliveries waiting to be processed, and the delivery ids seen (to ignore redeliveries).</summary>
public interface IWebhookInboxRepository
{
    /// <summary>
    /// Records the delivery id and stores the entry in one transaction; false (and nothing stored) when the delivery id
    /// was seen before.
    /// </summary>
    Task<bool> AcceptAsync(WebhookInboxEntry entry, string deliveryId, CancellationToken ct = default);

    /// <summary>
    /// Atomically claims unprocessed entries for <paramref name="owner"/> (also entries whose claim is older than
    /// <paramref name="claimedBefore"/>, left by a crashed process).
    /// </summary>
    Task<IReadOnlyList<WebhookInboxEntry>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset claimedBefore, int limit, CancellationToken ct = default);

    Task MarkProcessedAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset processedAt, string? error, CancellationToken ct = default);

    /// <summary>Gives claimed entries back for a later attempt.</summary>
    Task ReleaseAsync(IReadOnlyCollection<Guid> ids, string error, CancellationToken ct = default);

    /// <summary>Deletes delivery ids received before <paramref name="deliveriesBefore"/> and processed entries before <paramref name="processedBefore"/>.</summary>
    Task<int> PruneAsync(DateTimeOffset deliveriesBefore, DateTimeOffset processedBefore, CancellationToken ct = default);
}

public sealed record WebhookInboxEntry(
    Guid Id,
    Guid ConnectorId,
    string? EventType,
    IReadOnlyList<string> ItemExternalIds,
    IReadOnlyList<TargetRef> Targets,
    DateTimeOffset ReceivedAt,
    int Attempts);
