using OkrConnect.Core.Connectors;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Sync;

public sealed record SyncRunResponse(
    Guid Id,
    Guid ConnectorId,
    SyncTrigger Trigger,
    SyncRunStatus Status,
    DateTimeOffset StartedAt,
    DateTimeOffset? FinishedAt,
    int ApiCalls,
    int ItemsFetched,
    int WritesMade,
    IReadOnlyList<string> Errors,
    IReadOnlyDictionary<string, string> RateLimit,
    int PendingWrites)
{
    public static SyncRunResponse From(SyncRun run) => new(
        run.Id, run.ConnectorId, run.Trigger, run.Status, run.StartedAt, run.FinishedAt,
        run.ApiCalls, run.ItemsFetched, run.WritesMade, run.Errors, run.RateLimit, run.PendingWrites);
}

/// <summary>
/// What a sync request led to: the runs done now, or <see cref="Queued"/> when a run in progress will serve it right
/// after, or the background job that will run it.
/// </summary>
public sealed record SyncRequestResponse(IReadOnlyList<SyncRunResponse> Runs, bool Queued, string? JobId);

public sealed record KeyResultRefreshResponse(Guid KeyResultId, IReadOnlyList<SyncRunResponse> Runs, IReadOnlyList<Guid> QueuedConnectors);

public sealed record DescribeTargetRequest(string? Kind, string? Key);

public sealed record ConnectionTestResponse(bool Ok, string Summary, IReadOnlyDictionary<string, string> Details, IReadOnlyList<string> SettingsProblems)
{
    public static ConnectionTestResponse From(ConnectionTestResult result) => new(result.Ok, result.Summary, result.Details, []);
}

/// <summary>Sync state of one link: when it last synced completely, whether its value is stale and why, and its write-back.</summary>
public sealed record LinkSyncStatus(
    Guid LinkId,
    Guid ConnectorId,
    string TargetKind,
    string TargetKey,
    double? Value,
    DateTimeOffset? LastSyncedAt,
    bool Stale,
    string? LastError,
    string? WriteBackRemoteId,
    DateTimeOffset? WrittenAt,
    string? WriteBackError);

/// <summary>A key result's sync state: the oldest complete sync of its links, stale when any link is.</summary>
public sealed record KeyResultSyncStatus(Guid KeyResultId, DateTimeOffset? LastSyncedAt, bool Stale, string? LastError, IReadOnlyList<LinkSyncStatus> Links);

/// <summary>
/// A connector's health: <see cref="Status"/> is "ok", "credentials rejected" or "credentials lack a permission";
/// the category, the tracker's message and when are set while it is not ok. Cleared by the next run that gets through.
/// </summary>
public sealed record ConnectorStatusResponse(
    Guid ConnectorId,
    string Status,
    string? ErrorCategory,
    string? Error,
    DateTimeOffset? Since,
    SyncRunResponse? LatestRun);
