using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;

namespace OkrConnect.Sync.Engine;

/// <summary>A work key result after a run: its links' progress and the key result's value.</summary>
public sealed record KeyResultSyncResult(
    LinkedKeyResult Context,
    IReadOnlyList<Link> Links,
    KeyResultProgress Progress,
    IReadOnlyDictionary<Guid, LinkProgressRecord> LinkRecords);

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

    public async Task<IReadOnlyList<KeyResultSyncResult>> RecalculateAsync(
        IReadOnlyList<LinkedKeyResult> fetchedLinks, FetchOutcome fetch, DateTimeOffset now, OkrLookup okr, CancellationToken ct)
    {
        var fetchedIds = fetchedLinks.Select(l => l.Link.Id).ToHashSet();
        var results = new List<KeyResultSyncResult>();

        foreach (var group in fetchedLinks.GroupBy(l => l.KeyResult.Id))
        {
            var context = group.First();
            var links = await okr.LinksOfAsync(context.KeyResult.Id, ct);
            var stored = (await progress.ListLinkProgressAsync(links.Select(l => l.Id).ToList(), ct)).ToDictionary(r => r.LinkId);

            var fetches = new List<LinkFetch>(links.Count);
            foreach (var link in links)
            {
                var target = new TargetRef(link.TargetKind, link.TargetKey);
                var items = await workItems.ListByTargetAsync(link.ConnectorId, target, ct);
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
                await progress.UpsertLinkProgressAsync(record, ct);
                records[link.LinkId] = record;
            }

            if (await manualProgress.GetAsync(context.KeyResult.Id, ct) is not null)
            {
                if (!workChanged)
                {
                    results.Add(new KeyResultSyncResult(context, links, computed, records));
                    continue;
                }

                await manualProgress.ClearAsync(context.KeyResult.Id, ct);
            }

            await progress.RecordKeyResultProgressAsync(
                new ProgressHistoryEntry(context.KeyResult.Id, computed.Value, HistoryBreakdown.Of(computed, records), HistorySource, now), ct);
            results.Add(new KeyResultSyncResult(context, links, computed, records));
        }

        return results;
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
