using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// Fetches the work under many targets in batches of <see cref="SyncOptions.BatchSize"/>, never one call per issue.
/// A failing batch is retried target by target when the failure may belong to one target (a deleted epic, a bad JQL),
/// so one broken link never blinds the others; a rate limit or outage stops the fetching until the next run.
/// <para>
/// Batches run concurrently, as many at once as the connector allows (<see cref="ITrackerConnector.MaxConcurrentCalls"/>:
/// Jira's <c>maxConcurrentRequests</c>, GitHub's, default 1), started in order. Each batch records into its own
/// <see cref="FetchOutcome"/>; they are merged into the run's in batch order once all are done, so the result does not
/// depend on which batch finished first. A stop seen by any batch keeps every batch not yet started from calling
/// (those already in flight finish and keep what they read).
/// </para>
/// </summary>
public sealed class TargetFetcher(IOptions<SyncOptions> options, ILogger<TargetFetcher> logger)
{
    /// <param name="versions">The stored version of each target's items (<see cref="FetchRequest.Versions"/>), by exact target.</param>
    /// <param name="store">
    /// Called with each batch's outcome once it is fetched, before the merge, one batch at a time while the next
    /// batches are fetched (<see cref="StoreQueue"/>): the engine stores the items there and lets go of them. A failure
    /// there stops the fetching and fails the fetch.
    /// </param>
    public async Task<FetchOutcome> FetchAsync(
        ConnectorContext context, IReadOnlyList<TargetRef> targets, DateTimeOffset? since, FetchOutcome outcome,
        IReadOnlyDictionary<TargetRef, string>? versions = null, Func<FetchOutcome, CancellationToken, Task>? store = null, CancellationToken ct = default)
    {
        var batches = targets.Chunk(options.Value.BatchSize).ToArray();
        var parts = new FetchOutcome[batches.Length];
        var stop = new StopSignal(outcome.StoppedBy);
        var parallelism = Math.Max(1, context.Connector.MaxConcurrentCalls(context.Settings));

        var queue = store is null ? null : new StoreQueue(store, parallelism, ct);
        try
        {
            // Parallel.ForEachAsync takes the batches in order; with one at a time this is exactly the serial loop.
            await Parallel.ForEachAsync(
                Enumerable.Range(0, batches.Length),
                new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = queue?.Token ?? ct },
                async (index, token) =>
                {
                    var part = new FetchOutcome();
                    await FetchBatchAsync(context, batches[index], since, versions, part, stop, token);
                    parts[index] = part;
                    if (queue is not null)
                    {
                        await queue.AddAsync(part, token);
                    }
                });
        }
        catch (OperationCanceledException) when (queue is { Failed: true })
        {
            // A store failed and stopped the fetching: completing the queue rethrows why.
        }
        finally
        {
            if (queue is not null)
            {
                using (queue)
                {
                    await queue.CompleteAsync();
                }
            }
        }

        // The stop that kept later batches from calling is the one the run reports (the first met, in time).
        if (stop.Failure is { } failure)
        {
            outcome.Stop(failure);
        }

        foreach (var part in parts)
        {
            outcome.Merge(part);
        }

        return outcome;
    }

    private async Task FetchBatchAsync(
        ConnectorContext context, TargetRef[] batch, DateTimeOffset? since, IReadOnlyDictionary<TargetRef, string>? versions,
        FetchOutcome outcome, StopSignal stopSignal, CancellationToken ct)
    {
        if (stopSignal.Failure is { } stop)
        {
            foreach (var target in batch)
            {
                outcome.Fail(target, $"not fetched: {stop.Message}");
            }

            return;
        }

        try
        {
            var result = await context.Connector.FetchAsync(context.Settings, new FetchRequest(batch, since, VersionsOf(batch, versions)), ct);
            if (batch.Length > 1 && FailedAsOne(result))
            {
                // One query for many targets failed as a whole (e.g. Jira refuses "parent in (…)" when one epic is
                // gone): ask for each target alone so only the broken one stays in error.
                outcome.CountCalls(result.ApiCalls);
                foreach (var target in batch)
                {
                    await FetchBatchAsync(context, [target], since, versions, outcome, stopSignal, ct);
                }

                return;
            }

            outcome.Record(batch, result);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var failure = TrackerFailure.From(ex);
            logger.LogWarning(
                "Fetching {Count} target(s) of connector {ConnectorId} failed ({Category}): {Message}",
                batch.Length, context.Config.Id, failure.Category, failure.Message);
            outcome.CountCalls(1);
            if (failure.Category == TrackerErrorCategory.Authentication)
            {
                outcome.RejectCredentials(failure);
            }

            if (failure.StopsRun)
            {
                outcome.Stop(failure);
                stopSignal.Set(failure);
            }
            else if (batch.Length > 1 && MayBelongToOneTarget(ex))
            {
                foreach (var target in batch)
                {
                    await FetchBatchAsync(context, [target], since, versions, outcome, stopSignal, ct);
                }

                return;
            }

            foreach (var target in batch)
            {
                outcome.Fail(target, failure.Message);
            }
        }
    }

    // Only the batch's own targets.
    private static Dictionary<TargetRef, string>? VersionsOf(TargetRef[] batch, IReadOnlyDictionary<TargetRef, string>? versions)
    {
        if (versions is null || versions.Count == 0)
        {
            return null;
        }

        var own = new Dictionary<TargetRef, string>();
        foreach (var target in batch)
        {
            if (versions.TryGetValue(target, out var version))
            {
                own[target] = version;
            }
        }

        return own.Count == 0 ? null : own;
    }

    private static bool FailedAsOne(FetchResult result) =>
        result.Targets.Count > 1
        && result.Targets.All(t => !t.Complete)
        && result.Targets.Select(t => t.Error).Distinct().Count() == 1;

    // A 401 means the credentials are bad for every target: splitting the batch would only repeat it N times.
    private static bool MayBelongToOneTarget(Exception exception) => exception is TrackerException
    {
        Category: TrackerErrorCategory.NotFound or TrackerErrorCategory.InvalidRequest or TrackerErrorCategory.InvalidResponse,
    } or TrackerException { Category: TrackerErrorCategory.Authentication, StatusCode: 403 };
}
