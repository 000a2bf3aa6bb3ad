using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Sync.Engine;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.Engine;

/// <summary>
/// The recalculator reads and writes many key results at once; it must give exactly what recomputing them one by one
/// gave (<see cref="OneByOne"/>, the algorithm before batching): values, link records, history and manual values.
/// </summary>
public sealed class BatchedRecalculationTests
{
    private static readonly DateTimeOffset Start = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Batched_recalculation_gives_what_one_key_result_at_a_time_gave(string engine)
    {
        // More key results than one chunk, with every case: shared items across a key result's links, a second
        // connector, failed fetches with and without a last complete value, links outside the run, manual values.
        var world = World.Create(keyResults: 300);
        await using var batched = await SyncDatabase.CreateAsync(engine);
        await using var reference = await SyncDatabase.CreateAsync(engine);
        await world.SeedAsync(batched);
        await world.SeedAsync(reference);

        for (var round = 0; round < 3; round++)
        {
            var now = Start.AddMinutes(round);
            if (round == 1)
            {
                // The first run cleared them all (every link's first read is a change): set them again.
                await world.SetManualValuesAsync(batched, now);
                await world.SetManualValuesAsync(reference, now);
            }

            var fetch = world.Fetch(round);
            await world.StoreAsync(batched, fetch, now);
            await world.StoreAsync(reference, fetch, now);

            var okrBatched = world.Lookup(batched);
            var actual = await new WorkProgressRecalculator(batched.Get<IWorkItemRepository>(), batched.Get<IProgressRepository>(), batched.Get<IManualProgressRepository>())
                .RecalculateAsync(await world.ActiveAsync(okrBatched), fetch, now, okrBatched, default);
            var okrReference = world.Lookup(reference);
            var expected = await OneByOne.RecalculateAsync(reference, await world.ActiveAsync(okrReference), fetch, now, okrReference);

            Assert.Equal(expected.Count, actual.Count);
            for (var i = 0; i < expected.Count; i++)
            {
                Assert.Equal(expected[i].Context.KeyResult.Id, actual[i].Context.KeyResult.Id);
                Assert.Equal(expected[i].Links.Select(l => l.Id), actual[i].Links.Select(l => l.Id));
                Assert.Equal(expected[i].Progress.Value, actual[i].Progress.Value);
                Assert.Equal(expected[i].Progress.Stale, actual[i].Progress.Stale);
                Assert.Equal(Describe(expected[i].Progress.Links), Describe(actual[i].Progress.Links));
                Assert.Equal(expected[i].LinkRecords.OrderBy(r => r.Key), actual[i].LinkRecords.OrderBy(r => r.Key));
            }

            var linkIds = world.Links.Select(l => l.Id).ToList();
            Assert.Equal(await reference.Get<IProgressRepository>().ListLinkProgressAsync(linkIds), await batched.Get<IProgressRepository>().ListLinkProgressAsync(linkIds));
            foreach (var keyResult in world.KeyResults)
            {
                Assert.Equal(
                    await reference.Get<IProgressRepository>().ListHistoryAsync(keyResult.Id, null),
                    await batched.Get<IProgressRepository>().ListHistoryAsync(keyResult.Id, null));
            }

            var keyResultIds = world.KeyResults.Select(k => k.Id).ToList();
            var manual = await batched.Get<IManualProgressRepository>().ListAsync(keyResultIds);
            Assert.Equal((await reference.Get<IManualProgressRepository>().ListAsync(keyResultIds)).OrderBy(m => m.Key), manual.OrderBy(m => m.Key));

            // The cases are all there: after the first run, stale links, and manual values both held and cleared.
            if (round > 0)
            {
                Assert.Contains(actual, r => r.Progress.Stale);
                Assert.InRange(manual.Count, 1, world.KeyResults.Count / 9);
            }
        }
    }

    private static IEnumerable<string> Describe(IEnumerable<LinkProgress> links) =>
        links.Select(l => $"{l.LinkId} {l.Weight} {l.Value} {l.Stale} {l.StaleReason} {ProgressJson.Serialize(l.Breakdown)}");

    /// <summary>The OKRs, connectors and links both databases get (same ids), and each round's fetch.</summary>
    private sealed class World
    {
        public ConnectorConfig Jira { get; private init; } = null!;

        public ConnectorConfig GitHub { get; private init; } = null!;

        public Cycle Cycle { get; private init; } = null!;

        public List<Objective> Objectives { get; } = [];

        public List<KeyResult> KeyResults { get; } = [];

        public List<Link> Links { get; } = [];

        public static World Create(int keyResults)
        {
            var world = new World
            {
                Jira = new ConnectorConfig(Guid.NewGuid(), "jira", "Jira", "https://jira.example.test", "{}", "en", "*/15 * * * *", true, false, false, Start),
                GitHub = new ConnectorConfig(Guid.NewGuid(), "github", "GitHub", "https://github.example.test", "{}", "en", "*/15 * * * *", true, false, false, Start),
                Cycle = new Cycle(Guid.NewGuid(), "2026-Q4", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), CycleState.Active, Start),
            };

            for (var k = 0; k < keyResults; k++)
            {
                if (k % 10 == 0)
                {
                    world.Objectives.Add(new Objective(Guid.NewGuid(), world.Cycle.Id, $"O{k / 10}", null, ObjectiveLevel.Team, "alice", "web", Visibility.Public, null, 1, Start));
                }

                var keyResult = new KeyResult(Guid.NewGuid(), world.Objectives[^1].Id, $"KR{k}", "alice", KeyResultType.Committed, 1, MeasureKind.Work, null, null, null, null, Start);
                world.KeyResults.Add(keyResult);
                var model = (ProgressModel)(k % 3);
                world.Links.Add(new Link(Guid.NewGuid(), keyResult.Id, world.Jira.Id, "jira-epic", $"E-{k}", 1, model, WriteBackMode.Comment, "t", "u", Start));
                if (k % 4 == 0)
                {
                    // A second epic of the same key result sharing half its items with the first one (counted once).
                    world.Links.Add(new Link(Guid.NewGuid(), keyResult.Id, world.Jira.Id, "jira-epic", $"S-{k}", 2, model, WriteBackMode.Comment, "t", "u", Start.AddSeconds(1)));
                }

                if (k % 7 == 0)
                {
                    // A link of another connector: not part of the Jira run, as good as its stored state.
                    world.Links.Add(new Link(Guid.NewGuid(), keyResult.Id, world.GitHub.Id, "github-issue", $"acme/web#{k}", 1, model, WriteBackMode.Comment, "t", "u", Start.AddSeconds(2)));
                }
            }

            return world;
        }

        public async Task SeedAsync(SyncDatabase db)
        {
            await db.Get<IConnectorRepository>().InsertAsync(Jira, ProtectedSecrets.Unchanged);
            await db.Get<IConnectorRepository>().InsertAsync(GitHub, ProtectedSecrets.Unchanged);
            await db.Get<ICycleRepository>().InsertAsync(Cycle);
            foreach (var objective in Objectives)
            {
                await db.Get<IObjectiveRepository>().InsertAsync(objective);
            }

            foreach (var keyResult in KeyResults)
            {
                await db.Get<IKeyResultRepository>().InsertAsync(keyResult);
            }

            foreach (var link in Links)
            {
                await db.Get<ILinkRepository>().InsertAsync(link);
            }

            // The GitHub links' items and stored progress (one of them stale), as an earlier GitHub run left them.
            var github = Links.Where(l => l.ConnectorId == GitHub.Id).ToList();
            await db.Get<IWorkItemRepository>().StoreTargetsAsync(
                GitHub.Id,
                github.Select(l => new TargetItemsWrite(new TargetRef(l.TargetKind, l.TargetKey), Items(l.TargetKey, 5, 1), Replace: true)).ToList(),
                Start);
            for (var i = 0; i < github.Count; i++)
            {
                await db.Get<IProgressRepository>().UpsertLinkProgressAsync(
                    new LinkProgressRecord(github[i].Id, 0.4, """{"done":2}""", Start, Start, Stale: i % 2 == 0, i % 2 == 0 ? "rate limited" : null));
            }

            await SetManualValuesAsync(db, Start);
        }

        /// <summary>Manual values on some key results: the first change in their work clears them.</summary>
        public async Task SetManualValuesAsync(SyncDatabase db, DateTimeOffset at)
        {
            for (var k = 0; k < KeyResults.Count; k += 9)
            {
                await db.Get<IManualProgressRepository>().SetAsync(new ManualProgressRecord(KeyResults[k].Id, 0.9, at, "alice", "told so"));
            }
        }

        /// <summary>Round 0: everything read; later rounds: a few epics change, some fail, most stay the same.</summary>
        public FetchOutcome Fetch(int round)
        {
            var fetch = new FetchOutcome();
            var answered = new List<TargetItems>();
            foreach (var link in Links.Where(l => l.ConnectorId == Jira.Id))
            {
                var target = new TargetRef(link.TargetKind, link.TargetKey);
                var k = int.Parse(link.TargetKey[2..]);
                if (round > 0 && k % 11 == round)
                {
                    answered.Add(new TargetItems(target, Items(link.TargetKey, 3, 0), false, "the fetch was cut short"));
                    continue;
                }

                var changed = round > 0 && k % 5 == round ? round : 0;
                var items = link.TargetKey.StartsWith("S-", StringComparison.Ordinal)
                    ? [.. Items($"E-{k}", 4, changed).Take(2), .. Items(link.TargetKey, 3, changed)]
                    : Items(link.TargetKey, 4 + (k % 3), changed);
                answered.Add(new TargetItems(target, items, true, null));
            }

            fetch.Record(answered.Select(a => a.Target).ToList(), new FetchResult(answered, answered.Count, new Dictionary<string, string>()));
            return fetch;
        }

        public async Task StoreAsync(SyncDatabase db, FetchOutcome fetch, DateTimeOffset now) =>
            await db.Get<IWorkItemRepository>().StoreTargetsAsync(
                Jira.Id, fetch.Targets.Where(t => t.Complete).Select(t => new TargetItemsWrite(t.Target, t.Items, Replace: true)).ToList(), now);

        public OkrLookup Lookup(SyncDatabase db) =>
            new(db.Get<IKeyResultRepository>(), db.Get<IObjectiveRepository>(), db.Get<ICycleRepository>(), db.Get<ILinkRepository>());

        public async Task<List<LinkedKeyResult>> ActiveAsync(OkrLookup okr)
        {
            var active = new List<LinkedKeyResult>();
            foreach (var link in Links.Where(l => l.ConnectorId == Jira.Id).OrderBy(l => l.TargetKind).ThenBy(l => l.TargetKey, StringComparer.Ordinal))
            {
                active.Add((await okr.ResolveAsync(link, default))!);
            }

            return active;
        }

        private static List<WorkItem> Items(string prefix, int count, int changed) =>
            Enumerable.Range(0, count)
                .Select(n => new WorkItem(
                    $"{prefix}-{n}",
                    (WorkItemClass)((n + changed) % 4),
                    Points: n,
                    ExcludedReason: (n + changed) % 4 == 3 ? "Won't Do" : null))
                .ToList();
    }

    /// <summary>The recalculation as it was before batching: every read and write per key result and per link.</summary>
    private static class OneByOne
    {
        public static async Task<List<KeyResultSyncResult>> RecalculateAsync(
            SyncDatabase db, IReadOnlyList<LinkedKeyResult> fetchedLinks, FetchOutcome fetch, DateTimeOffset now, OkrLookup okr)
        {
            var workItems = db.Get<IWorkItemRepository>();
            var progress = db.Get<IProgressRepository>();
            var manualProgress = db.Get<IManualProgressRepository>();
            var fetchedIds = fetchedLinks.Select(l => l.Link.Id).ToHashSet();
            var results = new List<KeyResultSyncResult>();

            foreach (var group in fetchedLinks.GroupBy(l => l.KeyResult.Id))
            {
                var context = group.First();
                var links = await okr.LinksOfAsync(context.KeyResult.Id, default);
                var stored = (await progress.ListLinkProgressAsync(links.Select(l => l.Id).ToList())).ToDictionary(r => r.LinkId);

                var fetches = new List<LinkFetch>(links.Count);
                foreach (var link in links)
                {
                    var target = new TargetRef(link.TargetKind, link.TargetKey);
                    var items = await workItems.ListByTargetAsync(link.ConnectorId, target);
                    if (fetchedIds.Contains(link.Id))
                    {
                        var outcome = fetch.Find(target);
                        var complete = outcome?.Complete ?? false;
                        fetches.Add(new LinkFetch(link, items, now, complete, complete ? null : outcome?.Error ?? "not fetched"));
                    }
                    else
                    {
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
                    await progress.UpsertLinkProgressAsync(record);
                    records[link.LinkId] = record;
                }

                if (await manualProgress.GetAsync(context.KeyResult.Id) is not null)
                {
                    if (!workChanged)
                    {
                        results.Add(new KeyResultSyncResult(context, links, computed, records));
                        continue;
                    }

                    await manualProgress.ClearAsync(context.KeyResult.Id);
                }

                await progress.RecordKeyResultProgressAsync(
                    new ProgressHistoryEntry(context.KeyResult.Id, computed.Value, HistoryBreakdown.Of(computed, records), WorkProgressRecalculator.HistorySource, now));
                results.Add(new KeyResultSyncResult(context, links, computed, records));
            }

            return results;
        }

        private static ProgressBreakdown? PreviousBreakdown(LinkProgressRecord? record) =>
            record is null || string.IsNullOrWhiteSpace(record.BreakdownJson) ? null : ProgressJson.Deserialize<ProgressBreakdown>(record.BreakdownJson);

        private static LinkProgressRecord ToRecord(LinkProgress link, LinkProgressRecord? previous, DateTimeOffset now) =>
            !link.Stale
                ? new LinkProgressRecord(link.LinkId, link.Value, ProgressJson.Serialize(link.Breakdown), now, now, false, null)
                : previous is null
                    ? new LinkProgressRecord(link.LinkId, null, ProgressJson.Serialize(link.Breakdown), now, null, true, link.StaleReason)
                    : previous with { Stale = true, LastError = link.StaleReason };
    }
}
