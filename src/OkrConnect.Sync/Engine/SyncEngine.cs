using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Sync.Connectors;
using OkrConnect.Sync.Health;
using OkrConnect.Sync.WriteBack;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// One sync run of one connector, while its lease is held: fetch the work under the active links' targets (in batches;
/// incrementally where the connector can and a complete read exists), store it, recompute links, key results and the
/// alignment above them, and ensure each write-back. Tracker failures never escape: they mark links stale and are
/// recorded in the run. Only storage failures (the database is down) fail the run, so Hangfire retries it.
/// </summary>
public sealed class SyncEngine(
    ConnectorContextLoader connectors,
    ILinkRepository links,
    IKeyResultRepository keyResults,
    IObjectiveRepository objectives,
    ICycleRepository cycles,
    IWorkItemRepository workItems,
    IConnectorSyncStateRepository syncStates,
    ISyncRunRepository runs,
    TargetFetcher fetcher,
    WorkProgressRecalculator recalculator,
    AlignmentRollUpRecorder rollUp,
    WriteBackPublisher publisher,
    ConnectorHealthRepository health,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<SyncEngine> logger)
{
    public async Task<SyncRun> RunAsync(SyncScope scope, CancellationToken ct)
    {
        var run = new SyncRun(
            Guid.NewGuid(), scope.ConnectorId, scope.Trigger, clock.GetUtcNow(), null, 0, 0, 0, [],
            new Dictionary<string, string>(), SyncRunStatus.Running);
        await runs.InsertAsync(run, ct);
        try
        {
            run = await SyncAsync(run, scope, ct);
        }
        catch (Exception ex)
        {
            var why = ex is OperationCanceledException ? "the run was cancelled (shutdown or lost lease)" : $"{ex.GetType().Name}: {ex.Message}";
            logger.LogError(ex, "Sync run {RunId} of connector {ConnectorId} failed", run.Id, scope.ConnectorId);
            run = run with { Status = SyncRunStatus.Failed, FinishedAt = clock.GetUtcNow(), Errors = [.. run.Errors, why] };
            await runs.UpdateAsync(run, CancellationToken.None);
            throw;
        }

        await runs.UpdateAsync(run, ct);
        return run;
    }

    private async Task<SyncRun> SyncAsync(SyncRun run, SyncScope scope, CancellationToken ct)
    {
        if (await connectors.LoadAsync(scope.ConnectorId, ct) is not { } connector)
        {
            return Finish(run, SyncRunStatus.Failed, ["the connector does not exist or no connector of its kind is installed"]);
        }

        if (!connector.Config.Enabled)
        {
            return Finish(run, SyncRunStatus.Succeeded, ["the connector is disabled: nothing synced"]);
        }

        var okr = new OkrLookup(keyResults, objectives, cycles, links);
        var active = await ActiveLinksAsync(scope, okr, ct);
        var targets = active.Select(l => new TargetRef(l.Link.TargetKind, l.Link.TargetKey)).Distinct(TargetRefComparer.Instance).ToList();

        // Incremental only for targets already read in full once: a new link's older items would never show up otherwise.
        var state = await syncStates.GetAsync(scope.ConnectorId, ct);
        var incremental = new HashSet<TargetRef>(TargetRefComparer.Instance);
        DateTimeOffset? since = null;
        if (!scope.FullFetch && state?.Watermark is { } watermark
            && connector.Connector.Capabilities.HasFlag(ConnectorCapabilities.IncrementalFetch))
        {
            since = watermark - TimeSpan.FromSeconds(options.Value.WatermarkOverlapSeconds);
            incremental.UnionWith((await workItems.ListFullyFetchedTargetsAsync(scope.ConnectorId, ct)).Where(t => targets.Contains(t, TargetRefComparer.Instance)));
        }

        // What each target's stored items were read as: the tracker may confirm them instead of sending them again.
        // Matched exactly, as the items are stored and read back: a version stored under another spelling of the target
        // does not vouch for this spelling's items.
        var versions = await workItems.ListContentVersionsAsync(scope.ConnectorId, ct);

        // Each batch is stored as soon as it is read, then its items are let go: the run never holds every item at once.
        async Task StoreAsync(FetchOutcome batch, CancellationToken token)
        {
            var writes = batch.Targets
                .Where(t => t.Complete)
                .Select(t => new TargetItemsWrite(t.Target, t.Items, Replace: !incremental.Contains(t.Target), t.Version, t.Unchanged))
                .ToList();
            await workItems.StoreTargetsAsync(scope.ConnectorId, writes, clock.GetUtcNow(), token);
            batch.ReleaseItems();
        }

        var fetch = new FetchOutcome();
        await DescribeNewTargetsAsync(connector, active, fetch, ct);
        await fetcher.FetchAsync(connector, targets.Where(t => !incremental.Contains(t)).ToList(), null, fetch, versions, StoreAsync, ct);
        if (incremental.Count > 0)
        {
            await fetcher.FetchAsync(connector, incremental.ToList(), since, fetch, versions, StoreAsync, ct);
        }

        var now = clock.GetUtcNow();
        var results = await recalculator.RecalculateAsync(active, fetch, now, okr, ct);
        await rollUp.RecordAsync(results.Select(r => r.Context.Objective.Id), now, okr, ct);
        var writes = await publisher.PublishAsync(connector, results, fetch.StoppedBy, ct);

        // The watermark moves only when every target of the connector was read completely, from the run's start, so
        // anything updated while the run was fetching is read again next time.
        if (scope.AllLinks && fetch.Targets.All(t => t.Complete))
        {
            await syncStates.AdvanceAsync(scope.ConnectorId, run.StartedAt, fullSync: incremental.Count == 0, ct);
        }

        await RecordHealthAsync(scope.ConnectorId, fetch, writes, ct);
        var errors = fetch.Errors.Concat(writes.Errors).ToList();
        return Finish(
            run with
            {
                ApiCalls = fetch.ApiCalls + writes.ApiCalls,
                ItemsFetched = fetch.ItemsFetched,
                WritesMade = writes.Writes,
                PendingWrites = writes.PendingWrites,
                RateLimit = fetch.RateLimit,
            },
            errors.Count == 0 ? SyncRunStatus.Succeeded : SyncRunStatus.Partial,
            errors);
    }

    /// <summary>
    /// Links created since the last run carry no target title or URL yet: the tracker is asked once per target and the
    /// links are updated, so people see "Checkout revamp" instead of "PROJ-12". Failures here are not errors: the fetch
    /// that follows says what is wrong with the target.
    /// </summary>
    private async Task DescribeNewTargetsAsync(ConnectorContext connector, List<LinkedKeyResult> active, FetchOutcome fetch, CancellationToken ct)
    {
        var undescribed = active
            .Where(l => l.Link.TargetTitle is null && l.Link.TargetUrl is null)
            .GroupBy(l => new TargetRef(l.Link.TargetKind, l.Link.TargetKey), TargetRefComparer.Instance);
        foreach (var group in undescribed)
        {
            if (fetch.StoppedBy is not null)
            {
                return;
            }

            try
            {
                var description = await connector.Connector.DescribeTargetAsync(connector.Settings, group.Key, ct);
                fetch.CountCalls(1);
                if (!description.Exists)
                {
                    continue;
                }

                foreach (var linked in group)
                {
                    var current = await links.GetAsync(linked.Link.Id, ct);
                    if (current is not null)
                    {
                        await links.UpdateAsync(current with { TargetTitle = description.Title, TargetUrl = description.Url }, ct);
                    }
                }
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var failure = TrackerFailure.From(ex);
                fetch.CountCalls(1);
                if (failure.Category == TrackerErrorCategory.Authentication)
                {
                    fetch.RejectCredentials(failure);
                }

                if (failure.StopsRun)
                {
                    fetch.Stop(failure);
                }
            }
        }
    }

    /// <summary>The scope's links whose key result is a live work key result: closed cycles are frozen, orphans skipped.</summary>
    private async Task<List<LinkedKeyResult>> ActiveLinksAsync(SyncScope scope, OkrLookup okr, CancellationToken ct)
    {
        var wanted = scope.LinkIds?.ToHashSet();
        var active = new List<LinkedKeyResult>();
        foreach (var link in await links.ListByConnectorAsync(scope.ConnectorId, ct))
        {
            if (wanted is not null && !wanted.Contains(link.Id))
            {
                continue;
            }

            if (await okr.ResolveAsync(link, ct) is { } linked
                && linked.KeyResult.Measure == MeasureKind.Work
                && FrozenCycleRule.AllowsAutomatedUpdate(linked.Cycle))
            {
                active.Add(linked);
            }
        }

        return active;
    }

    /// <summary>
    /// Marks the connector itself when the tracker refused its credentials, so the connector shows "credentials
    /// rejected" with the tracker's words instead of every link failing for no visible reason. A later run that
    /// reached the tracker (some target read in full, or a write made) without that refusal clears the mark.
    /// </summary>
    private async Task RecordHealthAsync(Guid connectorId, FetchOutcome fetch, WriteBackTally writes, CancellationToken ct)
    {
        if ((fetch.CredentialsRejected ?? writes.CredentialsRejected) is { } rejected)
        {
            var status = rejected.Message.Contains("credentials rejected", StringComparison.OrdinalIgnoreCase)
                ? "credentials rejected"
                : "credentials lack a permission";
            await health.SetAsync(new ConnectorHealth(connectorId, status, rejected.Category.ToString(), rejected.Message, clock.GetUtcNow()), ct);
        }
        else if (fetch.Targets.Any(t => t.Complete) || writes.Writes > 0)
        {
            await health.ClearAsync(connectorId, ct);
        }
    }

    private SyncRun Finish(SyncRun run, SyncRunStatus status, IReadOnlyList<string> errors) =>
        run with { Status = status, FinishedAt = clock.GetUtcNow(), Errors = errors };
}
