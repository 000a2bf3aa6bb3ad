using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Sync.Connectors;
using OkrConnect.Sync.Engine;
using OkrConnect.Sync.WriteBack;

namespace OkrConnect.Sync.Tests.Engine;

/// <summary>
/// The tracker-call side of a run (issue 7): fetch batches and write-back ensures run as many at once as the connector
/// allows (<see cref="ITrackerConnector.MaxConcurrentCalls"/>), with the same outcome as one after another.
/// </summary>
public sealed class ConcurrentTrackerCallsTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);

    // --- TargetFetcher ---

    [Fact]
    public async Task Batches_are_fetched_concurrently_up_to_the_connectors_bound_and_never_more()
    {
        var inFlight = new InFlight();
        var connector = new ScriptedConnector
        {
            Parallelism = 3,
            Fetch = (request, _) => inFlight.RunAsync(latchAt: 3, () => Task.FromResult(Answer(request))),
        };

        var outcome = await Fetcher(batchSize: 2).FetchAsync(Context(connector), Targets(12), null, new FetchOutcome(), ct: CancellationToken.None);

        Assert.Equal(3, inFlight.Most);
        Assert.Equal(6, connector.FetchCalls);
        Assert.Equal(12, outcome.Targets.Count);
        Assert.All(outcome.Targets, t => Assert.True(t.Complete, t.Error));
        Assert.Equal(24, outcome.ItemsFetched);
        Assert.Equal(6, outcome.ApiCalls);
        Assert.Empty(outcome.Errors);
    }

    [Fact]
    public async Task Batches_are_stored_one_at_a_time_while_the_next_are_fetched_and_only_outcomes_are_kept()
    {
        // The first store waits until the second batch is being fetched: a store inside the fetch loop never gets there.
        var secondFetch = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var gate = new Lock();
        int fetched = 0, storedBatches = 0, held = 0, mostHeld = 0, storing = 0, mostStoring = 0;
        var connector = new ScriptedConnector
        {
            Parallelism = 1,
            Fetch = (request, _) =>
            {
                lock (gate)
                {
                    fetched++;
                    mostHeld = Math.Max(mostHeld, ++held);
                }

                if (request.Targets[0].Key == "E-02")
                {
                    secondFetch.TrySetResult();
                }

                return Task.FromResult(Answer(request));
            },
        };
        var stored = new ConcurrentQueue<string>();

        var outcome = await Fetcher(batchSize: 2).FetchAsync(
            Context(connector), Targets(20), null, new FetchOutcome(),
            store: async (batch, ct) =>
            {
                mostStoring = Math.Max(mostStoring, Interlocked.Increment(ref storing));
                if (batch.Targets.First().Target.Key == "E-00")
                {
                    await secondFetch.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
                }

                await Task.Delay(20, ct);
                foreach (var id in batch.Targets.SelectMany(t => t.Items).Select(i => i.ExternalId))
                {
                    stored.Enqueue(id);
                }

                batch.ReleaseItems();
                Interlocked.Decrement(ref storing);
                lock (gate)
                {
                    storedBatches++;
                    held--;
                }
            });

        Assert.Equal(10, fetched);
        Assert.Equal(10, storedBatches);
        Assert.Equal(40, stored.Distinct().Count());
        Assert.Equal(1, mostStoring);
        // One batch being fetched, one queued, one being stored: never the whole run's items at once.
        Assert.InRange(mostHeld, 2, 3);
        Assert.All(outcome.Targets, t => Assert.True(t.Complete && t.Items.Count == 0, t.Target.Key));
        Assert.Equal(40, outcome.ItemsFetched);
    }

    [Fact]
    public async Task A_failing_store_stops_the_fetching_and_fails_the_fetch_with_its_error()
    {
        var connector = new ScriptedConnector { Parallelism = 1, Fetch = (request, _) => Task.FromResult(Answer(request)) };

        var failure = await Assert.ThrowsAsync<InvalidOperationException>(() => Fetcher(batchSize: 2).FetchAsync(
            Context(connector), Targets(40), null, new FetchOutcome(),
            store: async (batch, ct) =>
            {
                await Task.Delay(20, ct);
                if (batch.Targets.First().Target.Key == "E-02")
                {
                    throw new InvalidOperationException("the database is full");
                }
            }));

        Assert.Equal("the database is full", failure.Message);
        Assert.InRange(connector.FetchCalls, 2, 6);
    }

    [Fact]
    public async Task Each_batch_is_asked_with_the_stored_versions_of_its_own_targets_and_an_unchanged_answer_is_kept()
    {
        var asked = new ConcurrentQueue<(string First, string Versions)>();
        var connector = new ScriptedConnector
        {
            Parallelism = 1,
            Fetch = (request, _) =>
            {
                asked.Enqueue((request.Targets[0].Key, string.Join(",", request.Targets.Select(t => request.VersionOf(t) ?? "-"))));
                return Task.FromResult(new FetchResult(
                    request.Targets.Select(t => request.VersionOf(t) is { } v
                        ? new TargetItems(t, [], true, null, v, Unchanged: true)
                        : new TargetItems(t, [new WorkItem($"{t.Key}-a", WorkItemClass.Done)], true, null, "v-new")).ToList(),
                    1,
                    new Dictionary<string, string>()));
            },
        };

        // A version stored under another spelling of a target (e-03) does not vouch for this spelling's stored items.
        var versions = new Dictionary<TargetRef, string> { [Target("E-01")] = "v1", [Target("E-02")] = "v2", [new TargetRef("jira-epic", "e-03")] = "v3" };
        var outcome = await Fetcher(batchSize: 2).FetchAsync(Context(connector), Targets(4), null, new FetchOutcome(), versions, ct: CancellationToken.None);

        Assert.Equal([("E-00", "-,v1"), ("E-02", "v2,-")], asked);
        Assert.False(outcome.Find(Target("E-03"))!.Unchanged);
        Assert.Equal((true, "v1"), (outcome.Find(Target("E-01"))!.Unchanged, outcome.Find(Target("E-01"))!.Version));
        Assert.Equal((false, "v-new", 1), (outcome.Find(Target("E-00"))!.Unchanged, outcome.Find(Target("E-00"))!.Version, outcome.Find(Target("E-00"))!.Items.Count));
        Assert.Equal(2, outcome.ItemsFetched);
    }

    [Fact]
    public async Task A_rate_limit_in_one_batch_keeps_every_batch_not_yet_started_from_calling()
    {
        // Two at a time: batch 0 is refused (rate limit) while batch 1 is in flight. Batch 1 finishes and keeps what it
        // read; batches 2–5 never call.
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new ConcurrentQueue<string>();
        var connector = new ScriptedConnector
        {
            Parallelism = 2,
            Fetch = async (request, ct) =>
            {
                var first = request.Targets[0].Key;
                asked.Enqueue(first);
                if (first == "E-00")
                {
                    await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
                    throw new TrackerException(TrackerErrorCategory.RateLimited, "slow down", 429, TimeSpan.FromMinutes(1));
                }

                if (first == "E-02")
                {
                    secondStarted.TrySetResult();
                    await Task.Delay(300, ct);
                }

                return Answer(request);
            },
        };
        var fetcher = Fetcher(batchSize: 2);
        var context = Context(connector);

        var outcome = await fetcher.FetchAsync(context, Targets(12), null, new FetchOutcome(), ct: CancellationToken.None);

        Assert.Equal(["E-00", "E-02"], asked.Order());
        Assert.Equal(TrackerErrorCategory.RateLimited, outcome.StoppedBy?.Category);
        Assert.Equal(["E-02", "E-03"], outcome.Targets.Where(t => t.Complete).Select(t => t.Target.Key).Order());
        Assert.All(["E-00", "E-01"], key => Assert.Contains("slow down", outcome.Find(Target(key))!.Error, StringComparison.Ordinal));
        Assert.All(Targets(12).Skip(4), t => Assert.StartsWith("not fetched: rate limited", outcome.Find(t)!.Error, StringComparison.Ordinal));
        Assert.Equal(10, outcome.Errors.Count);
        Assert.Equal(Targets(12).Where(t => t.Key is not ("E-02" or "E-03")).Select(t => $"jira-epic {t.Key}"), outcome.Errors.Select(e => e[..e.IndexOf(':', StringComparison.Ordinal)]));

        // The same outcome is handed to the incremental fetch that follows: stopped, it makes no call at all.
        await fetcher.FetchAsync(context, [Target("E-20"), Target("E-21"), Target("E-22")], Now, outcome, ct: CancellationToken.None);

        Assert.Equal(2, asked.Count);
        Assert.All(["E-20", "E-21", "E-22"], key => Assert.StartsWith("not fetched:", outcome.Find(Target(key))!.Error, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Concurrent_batches_give_exactly_the_serial_result()
    {
        // Batches finish in reverse order; a batch refused as a whole (a deleted epic) and one answered "failed as one"
        // are split per target; rate-limit headers differ per batch; one target is cut short.
        var targets = Enumerable.Range(0, 20)
            .Select(i => Target(i switch { 5 => "E-05-BAD", 13 => "E-13-HALF", _ => $"E-{i:00}" }))
            .ToList();

        async Task<FetchOutcome> RunAsync(int parallelism)
        {
            var connector = new ScriptedConnector
            {
                Parallelism = parallelism,
                Fetch = async (request, ct) =>
                {
                    var index = int.Parse(request.Targets[0].Key.AsSpan(2, 2), provider: null);
                    await Task.Delay(TimeSpan.FromMilliseconds(Math.Max(0, 40 - (2 * index))), ct);
                    return Scripted(request);
                },
            };
            var outcome = new FetchOutcome();
            outcome.CountCalls(1); // as after describing a new target
            return await Fetcher(batchSize: 3).FetchAsync(Context(connector), targets, null, outcome, ct: CancellationToken.None);
        }

        var serial = await RunAsync(1);
        var concurrent = await RunAsync(4);

        Assert.Equal(Describe(serial), Describe(concurrent));
        Assert.Contains("E-05-BAD|False||not found", Describe(serial), StringComparison.Ordinal);
        Assert.Contains("E-13-HALF|False||cut short at page 2", Describe(serial), StringComparison.Ordinal);
        Assert.Contains("E-12|True|E-12-a,E-12-b|", Describe(serial), StringComparison.Ordinal);
    }

    // --- WriteBackPublisher ---

    [Fact]
    public async Task Ensures_run_concurrently_up_to_the_connectors_bound_and_each_link_is_stored_once()
    {
        var inFlight = new InFlight();
        var connector = new ScriptedConnector
        {
            Parallelism = 3,
            Ensure = (request, _) => inFlight.RunAsync(latchAt: 3, () => Task.FromResult(new WriteBackResult($"c-{request.Target.Key}", 2, true))),
        };
        var writeBacks = new RecordingWriteBacks();
        var links = Links(connector, 10);

        var tally = await Publisher(writeBacks).PublishAsync(Context(connector), links.Select(l => l.Result).ToList(), null, CancellationToken.None);

        Assert.Equal(3, inFlight.Most);
        Assert.Equal(10, connector.EnsureCalls);
        Assert.Equal(10, tally.Writes);
        Assert.Equal(20, tally.ApiCalls);
        Assert.Empty(tally.Errors);
        Assert.Null(tally.CredentialsRejected);
        Assert.Equal(
            links.Select(l => (LinkId: l.Link.Id, Kind: "save", Value: (string?)$"c-{l.Link.TargetKey}")).OrderBy(x => x.LinkId),
            writeBacks.Calls.OrderBy(x => x.LinkId));
        Assert.Equal(1, writeBacks.MostConcurrent);
    }

    [Fact]
    public async Task A_rate_limit_met_by_one_ensure_defers_every_ensure_not_yet_started()
    {
        var secondStarted = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var asked = new ConcurrentQueue<string>();
        var connector = new ScriptedConnector
        {
            Parallelism = 2,
            Ensure = async (request, ct) =>
            {
                asked.Enqueue(request.Target.Key);
                if (request.Target.Key == "E-00")
                {
                    await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(5), ct);
                    throw new TrackerException(TrackerErrorCategory.RateLimited, "slow down", 429, TimeSpan.FromMinutes(1));
                }

                secondStarted.TrySetResult();
                await Task.Delay(300, ct);
                return new WriteBackResult("c-1", 2, true, PendingWrites: 7);
            },
        };
        var writeBacks = new RecordingWriteBacks();
        var links = Links(connector, 5);

        var tally = await Publisher(writeBacks).PublishAsync(Context(connector), links.Select(l => l.Result).ToList(), null, CancellationToken.None);

        Assert.Equal(["E-00", "E-01"], asked.Order());
        Assert.Equal(1, tally.Writes);
        Assert.Equal(3, tally.ApiCalls);
        Assert.Equal(7, tally.PendingWrites);
        Assert.Equal(4, tally.Errors.Count);
        Assert.StartsWith($"link {links[0].Link.Id}: write-back failed: rate limited", tally.Errors[0], StringComparison.Ordinal);
        Assert.Equal(
            links.Skip(2).Select(l => $"link {l.Link.Id}: write-back deferred: rate limited"),
            tally.Errors.Skip(1).Select(e => e[..e.IndexOf(" by the tracker", StringComparison.Ordinal)]));
        Assert.Equal(
            [(links[0].Link.Id, "error"), (links[1].Link.Id, "save")],
            writeBacks.Calls.Select(c => (c.LinkId, c.Kind)).OrderBy(c => c.Kind));
    }

    [Fact]
    public async Task Tallies_add_up_in_link_order_whatever_order_the_ensures_finish_in()
    {
        var connector = new ScriptedConnector
        {
            Parallelism = 4,
            Ensure = async (request, ct) =>
            {
                switch (request.Target.Key)
                {
                    case "E-00":
                        await Task.Delay(50, ct);
                        return new WriteBackResult("c-0", 2, true, PendingWrites: 1);
                    case "E-01":
                        await Task.Delay(30, ct);
                        throw new TrackerException(TrackerErrorCategory.Authentication, "credentials rejected: token revoked", 401);
                    case "E-02":
                        throw new TrackerException(TrackerErrorCategory.InvalidRequest, "no single issue to write on");
                    case "E-03":
                        // The last to finish: its count of writes still waiting is the run's.
                        await Task.Delay(600, ct);
                        return new WriteBackResult("c-3", 1, true, PendingWrites: 42);
                    case "E-04":
                        await Task.Delay(20, ct);
                        return new WriteBackResult(null, 1, false, "nowhere to write");
                    case "E-05":
                        throw new TrackerException(TrackerErrorCategory.Authentication, "credentials lack a permission: Edit comments", 403);
                    default:
                        await Task.Delay(10, ct);
                        return new WriteBackResult($"c-{request.Target.Key}", 2, true, PendingWrites: 1);
                }
            },
        };
        var writeBacks = new RecordingWriteBacks();
        var links = Links(connector, 8);

        var tally = await Publisher(writeBacks).PublishAsync(Context(connector), links.Select(l => l.Result).ToList(), null, CancellationToken.None);

        Assert.Equal(4, tally.Writes);
        Assert.Equal(2 + 1 + 0 + 1 + 1 + 1 + 2 + 2, tally.ApiCalls);
        Assert.Equal(42, tally.PendingWrites);
        Assert.Equal(
            [$"link {links[1].Link.Id}: write-back failed:", $"link {links[2].Link.Id}: write-back failed:", $"link {links[5].Link.Id}: write-back failed:"],
            tally.Errors.Select(e => e[..(e.IndexOf("failed:", StringComparison.Ordinal) + "failed:".Length)]));
        Assert.Contains("token revoked", tally.CredentialsRejected?.Message, StringComparison.Ordinal);

        // One storage call per link, never two at once.
        Assert.Equal(links.Select(l => l.Link.Id).Order(), writeBacks.Calls.Select(c => c.LinkId).Order());
        Assert.Equal(1, writeBacks.MostConcurrent);
        var byLink = writeBacks.Calls.ToDictionary(c => c.LinkId);
        Assert.Equal(("save", "nowhere to write"), (byLink[links[4].Link.Id].Kind, byLink[links[4].Link.Id].Value));
        Assert.Equal(("save", "c-3"), (byLink[links[3].Link.Id].Kind, byLink[links[3].Link.Id].Value));
        Assert.All([1, 2, 5], i => Assert.Equal("error", byLink[links[i].Link.Id].Kind));
    }

    // --- helpers ---

    private static TargetRef Target(string key) => new("jira-epic", key);

    private static List<TargetRef> Targets(int count) => Enumerable.Range(0, count).Select(i => Target($"E-{i:00}")).ToList();

    private static TargetFetcher Fetcher(int batchSize) =>
        new(Options.Create(new SyncOptions { BatchSize = batchSize }), NullLogger<TargetFetcher>.Instance);

    private static WriteBackPublisher Publisher(IWriteBackRepository writeBacks) =>
        new(writeBacks, new NoCheckIns(), new WriteBackContentBuilder(Options.Create(new PublicUrlOptions())), TimeProvider.System, NullLogger<WriteBackPublisher>.Instance);

    private static ConnectorContext Context(ScriptedConnector connector) =>
        new(
            new ConnectorConfig(connector.Id, "fake", "Fake tracker", "https://tracker.example.test", "{}", "en", "*/15 * * * *", true, true, false, Now),
            connector,
            new ConnectorSettings(connector.Id, "https://tracker.example.test", "{}", "token", null, "en"));

    /// <summary>One key result per link (E-00, E-01, …), each with comment write-back and nothing written before.</summary>
    private static List<(Link Link, KeyResultSyncResult Result)> Links(ScriptedConnector connector, int count)
    {
        var cycle = new Cycle(Guid.NewGuid(), "2026-Q4", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), CycleState.Active, Now);
        var objective = new Objective(Guid.NewGuid(), cycle.Id, "Faster checkout", null, ObjectiveLevel.Team, "alice", "web", Visibility.Public, null, 1, Now);
        return Enumerable.Range(0, count).Select(i =>
        {
            var keyResult = new KeyResult(Guid.NewGuid(), objective.Id, $"KR {i}", "alice", KeyResultType.Committed, 1, MeasureKind.Work, null, null, null, null, Now);
            var link = new Link(Guid.NewGuid(), keyResult.Id, connector.Id, "jira-epic", $"E-{i:00}", 1, ProgressModel.Count, WriteBackMode.Comment, "t", "u", Now);
            var result = new KeyResultSyncResult(
                new LinkedKeyResult(link, keyResult, objective, cycle), [link], new KeyResultProgress(0.5, false, []), new Dictionary<Guid, LinkProgressRecord>());
            return (link, result);
        }).ToList();
    }

    private static FetchResult Answer(FetchRequest request) => new(
        request.Targets.Select(t => new TargetItems(t, [new WorkItem($"{t.Key}-a", WorkItemClass.Done), new WorkItem($"{t.Key}-b", WorkItemClass.ToDo)], true, null)).ToList(),
        1,
        new Dictionary<string, string>());

    /// <summary>
    /// A tracker with a deleted epic (refused as a whole, then alone), a query that fails as one (then per target) and
    /// a target cut short; headers name the batch.
    /// </summary>
    private static FetchResult Scripted(FetchRequest request)
    {
        if (request.Targets.FirstOrDefault(t => t.Key.EndsWith("-BAD", StringComparison.Ordinal)) is { } bad)
        {
            throw new TrackerException(TrackerErrorCategory.NotFound, $"not found: {bad.Key}", 404);
        }

        var headers = new Dictionary<string, string>
        {
            ["X-RateLimit-Remaining"] = (1000 - int.Parse(request.Targets[0].Key.AsSpan(2, 2), provider: null)).ToString(System.Globalization.CultureInfo.InvariantCulture),
            [$"X-Batch-{request.Targets[0].Key}"] = request.Targets.Count.ToString(System.Globalization.CultureInfo.InvariantCulture),
        };
        if (request.Targets.Count > 1 && request.Targets.Any(t => t.Key.EndsWith("-HALF", StringComparison.Ordinal)))
        {
            return new FetchResult(request.Targets.Select(t => new TargetItems(t, [], false, "the query was refused")).ToList(), 2, headers);
        }

        return new FetchResult(
            request.Targets.Select(t => t.Key.EndsWith("-HALF", StringComparison.Ordinal)
                ? new TargetItems(t, [new WorkItem($"{t.Key}-a", WorkItemClass.Done)], false, "cut short at page 2")
                : new TargetItems(t, [new WorkItem($"{t.Key}-a", WorkItemClass.Done), new WorkItem($"{t.Key}-b", WorkItemClass.ToDo)], true, null)).ToList(),
            1,
            headers);
    }

    private static string Describe(FetchOutcome outcome)
    {
        var lines = new List<string>
        {
            $"calls={outcome.ApiCalls} items={outcome.ItemsFetched} stopped={outcome.StoppedBy?.Message} credentials={outcome.CredentialsRejected?.Message}",
        };
        lines.AddRange(outcome.Targets.Select(t => $"{t.Target.Key}|{t.Complete}|{string.Join(",", t.Items.Select(i => i.ExternalId))}|{t.Error}"));
        lines.AddRange(outcome.Errors);
        lines.AddRange(outcome.RateLimit.OrderBy(h => h.Key, StringComparer.Ordinal).Select(h => $"{h.Key}={h.Value}"));
        return string.Join("\n", lines);
    }

    /// <summary>Counts calls in flight; each waits (up to 2 s) until <c>latchAt</c> have been in flight together once.</summary>
    private sealed class InFlight
    {
        private int current;
        private int most;

        public int Most => Volatile.Read(ref most);

        public async Task<T> RunAsync<T>(int latchAt, Func<Task<T>> body)
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
            {
            }

            try
            {
                var waited = Stopwatch.StartNew();
                while (Most < latchAt && waited.Elapsed < TimeSpan.FromSeconds(2))
                {
                    await Task.Delay(5);
                }

                return await body();
            }
            finally
            {
                Interlocked.Decrement(ref current);
            }
        }
    }

    private sealed class ScriptedConnector : ITrackerConnector
    {
        private int fetchCalls;
        private int ensureCalls;

        public Guid Id { get; } = Guid.NewGuid();

        public int Parallelism { get; init; } = 1;

        public Func<FetchRequest, CancellationToken, Task<FetchResult>> Fetch { get; init; } = (request, _) => Task.FromResult(Answer(request));

        public Func<WriteBackRequest, CancellationToken, Task<WriteBackResult>> Ensure { get; init; } =
            (request, _) => Task.FromResult(new WriteBackResult("1", 1, true));

        public int FetchCalls => Volatile.Read(ref fetchCalls);

        public int EnsureCalls => Volatile.Read(ref ensureCalls);

        public string Kind => "fake";

        public ConnectorCapabilities Capabilities => ConnectorCapabilities.CommentWriteBack;

        public int MaxConcurrentCalls(ConnectorSettings settings) => Parallelism;

        public IReadOnlyList<string> ValidateSettings(ConnectorSettings settings) => [];

        public Task<ConnectionTestResult> TestConnectionAsync(ConnectorSettings settings, CancellationToken ct) => throw new NotSupportedException();

        public Task<TargetDescription> DescribeTargetAsync(ConnectorSettings settings, TargetRef target, CancellationToken ct) => throw new NotSupportedException();

        public Task<FetchResult> FetchAsync(ConnectorSettings settings, FetchRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref fetchCalls);
            return Fetch(request, ct);
        }

        public Task<WriteBackResult> EnsureWriteBackAsync(ConnectorSettings settings, WriteBackRequest request, CancellationToken ct)
        {
            Interlocked.Increment(ref ensureCalls);
            return Ensure(request, ct);
        }

        public WebhookParseResult ParseWebhook(ConnectorSettings settings, WebhookDelivery delivery) => throw new NotSupportedException();
    }

    /// <summary>Nothing written before; records each save or error (with the remote id, note or error) and overlap.</summary>
    private sealed class RecordingWriteBacks : IWriteBackRepository
    {
        private int current;
        private int most;

        public ConcurrentQueue<(Guid LinkId, string Kind, string? Value)> Calls { get; } = new();

        public int MostConcurrent => Volatile.Read(ref most);

        public Task<IReadOnlyDictionary<Guid, WriteBackState>> ListAsync(IReadOnlyCollection<Guid> linkIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<Guid, WriteBackState>>(new Dictionary<Guid, WriteBackState>());

        public Task SaveAsync(Guid linkId, string? remoteId, string contentHash, DateTimeOffset writtenAt, string? note, CancellationToken ct) =>
            RecordAsync(linkId, "save", note ?? remoteId);

        public Task RecordErrorAsync(Guid linkId, string error, CancellationToken ct) => RecordAsync(linkId, "error", error);

        public Task DeleteAsync(Guid linkId, CancellationToken ct) => throw new NotSupportedException();

        private async Task RecordAsync(Guid linkId, string kind, string? value)
        {
            var now = Interlocked.Increment(ref current);
            int seen;
            while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
            {
            }

            await Task.Delay(5);
            Calls.Enqueue((linkId, kind, value));
            Interlocked.Decrement(ref current);
        }
    }

    private sealed class NoCheckIns : ICheckInRepository
    {
        public Task InsertAsync(CheckIn checkIn, CancellationToken ct) => throw new NotSupportedException();

        public Task<Page<CheckIn>> ListByKeyResultAsync(Guid keyResultId, int offset, int limit, CancellationToken ct) => throw new NotSupportedException();

        public Task<CheckIn?> GetLatestAsync(Guid keyResultId, CancellationToken ct) => Task.FromResult<CheckIn?>(null);

        public Task<IReadOnlyDictionary<Guid, CheckIn>> GetLatestAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct) =>
            Task.FromResult<IReadOnlyDictionary<Guid, CheckIn>>(new Dictionary<Guid, CheckIn>());
    }
}
