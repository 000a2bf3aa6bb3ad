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

        foreach (var (result, link) in links)
        {
            if (!connector.Supports(link.WriteBack))
            {
                tally.Errors.Add($"link {link.Id}: the {connector.Config.Kind} connector cannot write back as {link.WriteBack}");
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

            if (stoppedBy is not null)
            {
                // The tracker said "later": writing now would only fail again; the next run compares hashes anew.
                tally.Errors.Add($"link {link.Id}: write-back deferred: {stoppedBy.Message}");
                continue;
            }

            WriteBackResult written;
            try
            {
                written = await connector.Connector.EnsureWriteBackAsync(
                    connector.Settings, new WriteBackRequest(target, link.WriteBack, result.Context.KeyResult.Id, content, state?.RemoteId), ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                var failure = TrackerFailure.From(ex);
                logger.LogWarning("Write-back of link {LinkId} to {Kind} {Key} failed ({Category}): {Message}",
                    link.Id, target.Kind, target.Key, failure.Category, failure.Message);
                if (ex is not TrackerException { StatusCode: null, Category: TrackerErrorCategory.InvalidRequest })
                {
                    // A refusal before any request (e.g. a JQL target has no issue to comment on) cost no call.
                    tally.ApiCalls++;
                }

                tally.Errors.Add($"link {link.Id}: write-back failed: {failure.Message}");
                await writeBacks.RecordErrorAsync(link.Id, failure.Message, ct);
                if (failure.Category == TrackerErrorCategory.Authentication)
                {
                    tally.CredentialsRejected ??= failure;
                }

                if (failure.StopsRun)
                {
                    stoppedBy = failure;
                }

                continue;
            }

            tally.ApiCalls += written.ApiCalls;
            tally.PendingWrites = written.PendingWrites;
            if (written.Written)
            {
                tally.Writes++;
            }

            await writeBacks.SaveAsync(link.Id, written.RemoteId ?? state?.RemoteId, hash, clock.GetUtcNow(), written.Written ? null : written.Reason, ct);
        }

        return tally;
    }
}
