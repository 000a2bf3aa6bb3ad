using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// A work key result after a run: its links' progress and the computed value; <see cref="Manual"/> is the value set by
/// hand that still holds after the run (the work did not change), which is what the key result shows.
/// </summary>
public sealed record KeyResultSyncResult(
    LinkedKeyResult Context,
    IReadOnlyList<Link> Links,
    KeyResultProgress Progress,
    IReadOnlyDictionary<Guid, LinkProgressRecord> LinkRecords,
    ManualProgressRecord? Manual = null);

/// <summary>
/// Recomputes work key results from the stored work items (so an item reachable through several links counts once,
/// whichever connector found it), stores each fetched link's progress and records the key result's history when its
/// value changed. A link whose fetch failed keeps its last complete value, marked stale with the reason.
/// A manual value on the key result holds until a fetch shows its linked work changed (<see cref="ManualProgressRule"/>):
/// then it is cleared and the computed value recorded; until then no history is recorded, as the shown value is manual.
/// </summary>
public sealed class WorkProgressRecalculator(IWorkItemRepository workItems, IProgressRepository progress, IManualProgressRepository manualProgress)
{
    public const string HistorySource = "sync";

    /// <summary>
    /// Key results recomputed together: their links, stored link progress, manual values and items are read in a few
    /// queries, and their link progress and history written a chunk per short transaction.
    /// </summary>
    private const int KeyResultsPerChunk = 250;

    public async Task<IReadOnlyList<KeyResultSyncResult>> RecalculateAsync(
        IReadOnlyList<LinkedKeyResult> fetchedLinks, FetchOutcome fetch, DateTimeOffset now, OkrLookup okr, CancellationToken ct)
    {
        var fetchedIds = fetchedLinks.Select(l => l.Link.Id).ToHashSet();
        var results = new List<KeyResultSyncResult>();
        foreach (var chunk in fetchedLinks.GroupBy(l => l.KeyResult.Id).Select(g => g.First()).Chunk(KeyResultsPerChunk))
        {
            results.AddRange(await RecalculateChunkAsync(chunk, fetchedIds, fetch, now, okr, ct));
        }

        return results;
    }

    private async Task<List<KeyResultSyncResult>> RecalculateChunkAsync(
        LinkedKeyResult[] contexts, HashSet<Guid> fetchedIds, FetchOutcome fetch, DateTimeOffset now, OkrLookup okr, CancellationToken ct)
    {
        // Everything the chunk's key results need, read at once.
        var keyResultIds = contexts.Select(c => c.KeyResult.Id).ToList();
        await okr.PreloadLinksAsync(keyResultIds, ct);
        var linksOf = new Dictionary<Guid, IReadOnlyList<Link>>(keyResultIds.Count);
        foreach (var id in keyResultIds)
        {
            linksOf[id] = await okr.LinksOfAsync(id, ct);
        }

        var allLinks = linksOf.Values.SelectMany(l => l).ToList();
        var storedProgress = (await progress.ListLinkProgressAsync(allLinks.Select(l => l.Id).ToList(), ct)).ToDictionary(r => r.LinkId);
        var itemsOf = new Dictionary<(Guid ConnectorId, TargetRef Target), IReadOnlyList<WorkItem>>();
        foreach (var byConnector in allLinks.GroupBy(l => l.ConnectorId))
        {
            var targets = byConnector.Select(l => new TargetRef(l.TargetKind, l.TargetKey)).Distinct().ToList();
            foreach (var (target, items) in await workItems.ListByTargetsAsync(byConnector.Key, targets, ct))
            {
                itemsOf[(byConnector.Key, target)] = items;
            }
        }

        var manualValues = await manualProgress.ListAsync(keyResultIds, ct);

        var computedResults = new List<(LinkedKeyResult Context, IReadOnlyList<Link> Links, KeyResultProgress Computed, Dictionary<Guid, LinkProgressRecord> Records, bool WorkChanged)>(contexts.Length);
        var linkRecords = new List<LinkProgressRecord>();
        foreach (var context in contexts)
        {
            var links = linksOf[context.KeyResult.Id];
            var stored = new Dictionary<Guid, LinkProgressRecord>();
            foreach (var link in links)
            {
                if (storedProgress.TryGetValue(link.Id, out var record))
                {
                    stored[link.Id] = record;
                }
            }

            var fetches = new List<LinkFetch>(links.Count);
            foreach (var link in links)
            {
                var target = new TargetRef(link.TargetKind, link.TargetKey);
                var items = itemsOf.GetValueOrDefault((link.ConnectorId, target)) ?? [];
                if (fetchedIds.Contains(link.Id))
                {
                    var outcome = fetch.Find(target);
                    var complete = outcome?.Complete ?? false;
                    fetches.Add(new LinkFetch(link, items, now, complete, complete ? null : outcome?.Error ?? "not fetched"));
                }
                else
                {
                    // Not part of this run (another connector, or outside a webhook's scope): as good as its stored state.
                    var record = stored.GetValueOrDefault(link.Id);
                    fetches.Add(new LinkFetch(link, items, record?.LastSyncedAt ?? now, !(record?.Stale ?? false), record?.LastError));
                }
            }

            var lastComplete = stored.Values
                .Where(r => r.LastSyncedAt is not null)
                .ToDictionary(r => r.LinkId, LastCompleteProgress.From);
            var computed = KeyResultProgressCalculator.ComputeWork(fetches, lastComplete);

            var records = new Dictionary<Guid, LinkProgressRecord>(stored);
            var workChanged = false;
            foreach (var link in computed.Links.Where(l => fetchedIds.Contains(l.LinkId)))
            {
                var previous = stored.GetValueOrDefault(link.LinkId);
                workChanged |= ManualProgressRule.IsWorkChange(PreviousBreakdown(previous), link.Breakdown);
                var record = ToRecord(link, previous, now);
                linkRecords.Add(record);
                records[link.LinkId] = record;
            }

            computedResults.Add((context, links, computed, records, workChanged));
        }

        await progress.UpsertLinkProgressAsync(linkRecords, ct);

        // A manual value holds (and no history is recorded) until the work changes; then it is cleared.
        var history = new List<ProgressHistoryEntry>(computedResults.Count);
        var held = new Dictionary<Guid, ManualProgressRecord>();
        foreach (var (context, links, computed, records, workChanged) in computedResults)
        {
            if (manualValues.TryGetValue(context.KeyResult.Id, out var manual))
            {
                if (!workChanged)
                {
                    held[context.KeyResult.Id] = manual;
                    continue;
                }

                await manualProgress.ClearAsync(context.KeyResult.Id, ct);
            }

            history.Add(new ProgressHistoryEntry(context.KeyResult.Id, computed.Value, HistoryBreakdown.Of(computed, records), HistorySource, now));
        }

        await progress.RecordKeyResultProgressAsync(history, ct);
        return computedResults
            .Select(r => new KeyResultSyncResult(r.Context, r.Links, r.Computed, r.Records, held.GetValueOrDefault(r.Context.KeyResult.Id)))
            .ToList();
    }

    // What the link's last stored fetch found; null before its first one (so the first fetch counts as a change).
    private static ProgressBreakdown? PreviousBreakdown(LinkProgressRecord? record) =>
        record is null || string.IsNullOrWhiteSpace(record.BreakdownJson) ? null : ProgressJson.Deserialize<ProgressBreakdown>(record.BreakdownJson);

    // A stale link keeps the value, breakdown and sync time of its last complete fetch; only the flag and reason change.
    private static LinkProgressRecord ToRecord(LinkProgress link, LinkProgressRecord? previous, DateTimeOffset now) =>
        !link.Stale
            ? new LinkProgressRecord(link.LinkId, link.Value, ProgressJson.Serialize(link.Breakdown), now, now, false, null)
            : previous is null
                ? new LinkProgressRecord(link.LinkId, null, ProgressJson.Serialize(link.Breakdown), now, null, true, link.StaleReason)
                : previous with { Stale = true, LastError = link.StaleReason };
}
