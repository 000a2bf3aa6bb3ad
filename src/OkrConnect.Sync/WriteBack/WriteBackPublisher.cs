using Microsoft.Extensions.Logging;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Connectors;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.WriteBack;

/// <summary>What the write-backs of one run cost and what went wrong.</summary>
public sealed class WriteBackTally
{
    public int ApiCalls { get; set; }

    public int Writes { get; set; }

    /// <summary>The tracker's paced writes still waiting after the run's latest write-back (as the connector last said).</summary>
    public int PendingWrites { get; set; }

    public List<string> Errors { get; } = [];

    /// <summary>The first write refused for the credentials (401/403), which marks the connector.</summary>
    public TrackerFailure? CredentialsRejected { get; set; }
}

/// <summary>
/// Ensures each link's write-back says what its key result says now, and calls the tracker only when it would change
/// something: the content hash equals the stored one and the remote object is known → no call at all. After a write the
/// remote id and hash are stored at once, so a crash right after costs at most one more "ensure", which the connector
/// resolves by finding its own comment by marker instead of posting a second one.
/// <para>
/// The ensures run concurrently, as many at once as the connector allows (<see cref="ITrackerConnector.MaxConcurrentCalls"/>;
/// GitHub's connector still serialises and paces its writes per token, so there they only queue). Storage writes stay
/// one per link and one at a time; the tally is added up in link order. A rate limit or outage met by one ensure keeps
/// every ensure not yet started from calling (deferred, like after a fetch that was stopped).
/// </para>
/// </summary>
public sealed class WriteBackPublisher(
    IWriteBackRepository writeBacks,
    ICheckInRepository checkIns,
    WriteBackContentBuilder builder,
    TimeProvider clock,
    ILogger<WriteBackPublisher> logger)
{
    public async Task<WriteBackTally> PublishAsync(
        ConnectorContext connector, IReadOnlyList<KeyResultSyncResult> results, TrackerFailure? stoppedBy, CancellationToken ct)
    {
        var tally = new WriteBackTally();
        // Every link of the changed key results that this connector serves, not only the fetched ones: a key result's
        // value shows on each of its targets. Other connectors' links catch up on their own next run (their hash differs).
        var links = results
            .SelectMany(r => r.Links.Where(l => l.ConnectorId == connector.Config.Id && l.WriteBack != WriteBackMode.None)
                .Select(link => (Result: r, Link: link)))
            .ToList();
        if (links.Count == 0)
        {
            return tally;
        }

        var states = await writeBacks.ListAsync(links.Select(x => x.Link.Id).ToList(), ct);
        var checkInsByKeyResult = await checkIns.GetLatestAsync(results.Select(r => r.Context.KeyResult.Id).Distinct().ToList(), ct);

        // First, in link order and without any call: what each link would say and whether it needs the tracker at all.
        var errors = new string?[links.Count];
        var outcomes = new EnsureOutcome?[links.Count];
        var ensures = new List<PendingEnsure>();
        for (var index = 0; index < links.Count; index++)
        {
            var (result, link) = links[index];
            if (!connector.Supports(link.WriteBack))
            {
                errors[index] = $"link {link.Id}: the {connector.Config.Kind} connector cannot write back as {link.WriteBack}";
                continue;
            }

            var now = clock.GetUtcNow();
            var target = new TargetRef(link.TargetKind, link.TargetKey);
            var content = builder.Build(result, link, checkInsByKeyResult.GetValueOrDefault(result.Context.KeyResult.Id), connector.Settings.Locale, now);
            var hash = ContentHash.Of(content, link.WriteBack, target);
            var state = states.GetValueOrDefault(link.Id);
            // Unchanged since the last successful ensure: no call. A comment whose id we never learnt is the exception
            // (unless the connector said there is nowhere to put it), so it gets created.
            if (state is not null && state.ContentHash == hash
                && (state.RemoteId is not null || link.WriteBack != WriteBackMode.Comment || state.LastError is not null))
            {
                continue;
            }

            ensures.Add(new PendingEnsure(
                index, link.Id, new WriteBackRequest(target, link.WriteBack, result.Context.KeyResult.Id, content, state?.RemoteId), hash));
        }

        // Then the calls, as many at once as the connector allows, started in link order. Their results are kept per
        // link and added up in link order below, so the tally does not depend on which call finished first.
        var stop = new StopSignal(stoppedBy);
        using var storage = new SemaphoreSlim(1, 1);
        var pendingLock = new Lock();

        // What the latest ensure to finish said about the tracker's writes still waiting behind it.
        void Finished(WriteBackResult written)
        {
            lock (pendingLock)
            {
                tally.PendingWrites = written.PendingWrites;
            }
        }

        await Parallel.ForEachAsync(
            ensures,
            new ParallelOptions { MaxDegreeOfParallelism = Math.Max(1, connector.Connector.MaxConcurrentCalls(connector.Settings)), CancellationToken = ct },
            async (ensure, token) =>
            {
                if (stop.Failure is { } later)
                {
                    // The tracker said "later": writing now would only fail again; the next run compares hashes anew.
                    errors[ensure.Index] = $"link {ensure.LinkId}: write-back deferred: {later.Message}";
                    return;
                }

                outcomes[ensure.Index] = await EnsureAsync(connector, ensure, stop, storage, Finished, token);
            });

        for (var index = 0; index < links.Count; index++)
        {
            if (errors[index] is { } error)
            {
                tally.Errors.Add(error);
            }

            if (outcomes[index] is not { } outcome)
            {
                continue;
            }

            tally.ApiCalls += outcome.ApiCalls;
            if (outcome.Result is { Written: true })
            {
                tally.Writes++;
            }

            if (outcome.Failure is { } failure)
            {
                tally.Errors.Add($"link {links[index].Link.Id}: write-back failed: {failure.Message}");
                if (failure.Category == TrackerErrorCategory.Authentication)
                {
                    tally.CredentialsRejected ??= failure;
                }
            }
        }

        return tally;
    }

    /// <summary>
    /// One link's ensure, then its storage write (one per link, one at a time across the run's concurrent ensures: the
    /// id and hash are stored as soon as the write is made, so a crash costs at most one more ensure).
    /// </summary>
    private async Task<EnsureOutcome> EnsureAsync(
        ConnectorContext connector, PendingEnsure ensure, StopSignal stop, SemaphoreSlim storage, Action<WriteBackResult> finished, CancellationToken ct)
    {
        WriteBackResult written;
        try
        {
            written = await connector.Connector.EnsureWriteBackAsync(connector.Settings, ensure.Request, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var failure = TrackerFailure.From(ex);
            var target = ensure.Request.Target;
            logger.LogWarning("Write-back of link {LinkId} to {Kind} {Key} failed ({Category}): {Message}",
                ensure.LinkId, target.Kind, target.Key, failure.Category, failure.Message);
            if (failure.StopsRun)
            {
                // Before anything else, so no further ensure starts.
                stop.Set(failure);
            }

            await StoreAsync(() => writeBacks.RecordErrorAsync(ensure.LinkId, failure.Message, ct));

            // A refusal before any request (e.g. a JQL target has no issue to comment on) cost no call.
            var calls = ex is TrackerException { StatusCode: null, Category: TrackerErrorCategory.InvalidRequest } ? 0 : 1;
            return new EnsureOutcome(calls, null, failure);
        }

        finished(written);
        await StoreAsync(() => writeBacks.SaveAsync(
            ensure.LinkId, written.RemoteId ?? ensure.Request.KnownRemoteId, ensure.Hash, clock.GetUtcNow(), written.Written ? null : written.Reason, ct));
        return new EnsureOutcome(written.ApiCalls, written, null);

        async Task StoreAsync(Func<Task> write)
        {
            await storage.WaitAsync(ct);
            try
            {
                await write();
            }
            finally
            {
                storage.Release();
            }
        }
    }

    private sealed record PendingEnsure(int Index, Guid LinkId, WriteBackRequest Request, string Hash);

    /// <summary>What one ensure cost and gave: the connector's result, or the failure it met.</summary>
    private sealed record EnsureOutcome(int ApiCalls, WriteBackResult? Result, TrackerFailure? Failure);
}
