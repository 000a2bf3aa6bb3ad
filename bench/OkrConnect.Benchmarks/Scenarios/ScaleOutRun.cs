using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.Json.Nodes;
using OkrConnect.Benchmarks.Hosting;
using OkrConnect.Benchmarks.Reporting;
using OkrConnect.Benchmarks.Simulator;

namespace OkrConnect.Benchmarks.Scenarios;

/// <summary>
/// Two OkrConnect processes on one PostgreSQL (application data and Hangfire storage). Both serve the API and take
/// webhooks; rounds of concurrent triggers (queued jobs and in-request syncs on both, plus webhooks to both) hit K Jira
/// connectors. Afterwards: no connector's sync runs may overlap in time, no issue may have two comments for one key
/// result, and Hangfire's Processing states show which process ran the jobs.
/// </summary>
public sealed class ScaleOutRun(BenchOptions options, TextWriter log, bool sharedSqlite = false)
{
    private readonly ResultTable _table = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var loadAtStart = BenchHost.LoadAverage();
        await using var postgres = sharedSqlite ? null : await BenchPostgres.CreateAsync(log, ct);
        if (postgres is null && !sharedSqlite)
        {
            log.WriteLine("scale-out: SKIPPED — set OKRCONNECT_TEST_POSTGRES (eval \"$(bash .ci/start-postgres.sh)\") or OKRCONNECT_BENCH_POSTGRES");
            return options.Quick ? 0 : 2;
        }

        var work = new SimulatedWork(options.Epics, options.Issues);
        await using var sim = await TrackerSimulator.StartAsync(work, options);
        var hostDll = HostProcess.FindHostDll(options.HostDll);
        var data = BenchHost.NewTempDirectory("scale-out");
        var secret = "bench-" + Guid.NewGuid().ToString("N");
        var storage = postgres?.Description ?? "one SQLite data directory (the embedded default)";
        log.WriteLine($"scale-out on {storage}; {options.Connectors} Jira connectors, {options.Epics} × {options.Issues}; data {data}");

        HostProcess? a = null;
        HostProcess? b = null;
        try
        {
            var dataA = sharedSqlite ? data : Path.Combine(data, "a");
            var dataB = sharedSqlite ? data : Path.Combine(data, "b");
            a = await HostProcess.StartAsync("okrconnect-a", hostDll, dataA, BenchHost.Settings(dataA, secret, postgres?.ConnectionString, options.HostEnvironment), ct);
            b = await HostProcess.StartAsync("okrconnect-b", hostDll, dataB, BenchHost.Settings(dataB, secret, postgres?.ConnectionString, options.HostEnvironment), ct);
            log.WriteLine($"hosts ready: A pid {a.Pid} {a.Url}, B pid {b.Pid} {b.Url}");
            using var apiA = await OkrConnectClient.ConnectAsync(a.Url, BenchHost.AdminSubject, secret, ct);
            using var apiB = await OkrConnectClient.ConnectAsync(b.Url, BenchHost.AdminSubject, secret, ct);
            OkrConnectClient Api(int i) => i % 2 == 0 ? apiA : apiB;

            // Seed through both processes.
            var cycle = await apiA.CreateCycleAsync("Scale-out cycle", ct);
            var connectors = new List<Guid>();
            for (var k = 0; k < options.Connectors; k++)
            {
                connectors.Add(await Api(k).CreateConnectorAsync(
                    "jira", $"Jira {k}", sim.JiraUrl($"s{k}"), new JsonObject { ["deployment"] = "cloud", ["email"] = "okr-bot@example.com" },
                    "bench-api-token", JiraCloudSimulator.WebhookSecret, ct));
            }

            var objectives = new List<Guid>();
            for (var o = 0; o < (options.Epics + 9) / 10; o++)
            {
                objectives.Add(await Api(o).CreateObjectiveAsync(cycle, $"Objective {o + 1}", ct));
            }

            await Parallel.ForEachAsync(Enumerable.Range(0, options.Epics), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, t) =>
            {
                var keyResult = await Api(i).CreateKeyResultAsync(objectives[i / 10], $"Key result {i + 1}", t);
                await Api(i + 1).CreateLinkAsync(keyResult, connectors[i % options.Connectors], "jira-epic", work.EpicKey(i), "comment", t);
            });
            log.WriteLine("seeded through both hosts");

            // Rounds of concurrent triggers on both processes.
            var statuses = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
            using var webhookHttp = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64 }) { Timeout = TimeSpan.FromMinutes(2) };
            var random = new Random(5);
            var storm = Stopwatch.StartNew();
            for (var round = 0; round < options.Rounds; round++)
            {
                var changed = Enumerable.Range(0, Math.Max(options.Connectors * 2, work.TotalIssues / 50)).Select(_ => random.Next(work.TotalIssues)).Distinct().ToList();
                foreach (var issue in changed)
                {
                    work.ChangeJira(issue);
                }

                var triggers = new List<Task>();
                foreach (var connector in connectors)
                {
                    foreach (var (api, name) in new[] { (apiA, "A"), (apiB, "B") })
                    {
                        triggers.Add(Count(statuses, $"{name} POST sync (job)", api.SyncAsync(connector, wait: false, ct)));
                        triggers.Add(Count(statuses, $"{name} POST sync?wait=true", api.SyncAsync(connector, wait: true, ct)));
                    }
                }

                foreach (var (issue, index) in changed.Select((issue, index) => (issue, index)))
                {
                    var epic = issue / work.IssuesPerEpic;
                    var connector = connectors[epic % options.Connectors];
                    var (body, headers) = sim.Jira.IssueUpdatedWebhook(sim.JiraUrl($"s{epic % options.Connectors}"), issue, Guid.NewGuid().ToString());
                    var api = Api(index);
                    var name = index % 2 == 0 ? "A" : "B";
                    triggers.Add(Task.Run(async () =>
                    {
                        var (status, _) = await api.WebhookAsync(webhookHttp, "jira", connector, body, headers, ct);
                        statuses.AddOrUpdate($"{name} webhook {status}", 1, (_, n) => n + 1);
                    }, ct));
                }

                await Task.WhenAll(triggers);
                log.WriteLine($"  round {round + 1}: {changed.Count} issues changed, {triggers.Count} triggers answered");
            }

            // Let the queued jobs, follow-up runs and the webhook inbox drain on both processes.
            foreach (var connector in connectors)
            {
                await BenchHost.WaitQuietAsync(apiA, connector, TimeSpan.FromSeconds(6), TimeSpan.FromMinutes(15), ct);
            }

            var stormTime = storm.Elapsed;

            // One last sync per connector: after the storm everything should already be written.
            var finalWrites = 0;
            foreach (var connector in connectors)
            {
                var (_, body) = await apiB.SyncAsync(connector, wait: true, ct);
                finalWrites += body?["runs"]?.AsArray().Sum(r => r!["writesMade"]!.GetValue<int>()) ?? 0;
            }

            foreach (var connector in connectors)
            {
                await BenchHost.WaitQuietAsync(apiA, connector, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(5), ct);
            }

            // Checks.
            var overlaps = new List<string>();
            var runs = 0;
            var unfinished = 0;
            var byTrigger = new Dictionary<string, int>(StringComparer.Ordinal);
            foreach (var connector in connectors)
            {
                var all = (await apiA.SyncRunsAsync(connector, ct)).OrderBy(r => r.StartedAt).ToList();
                runs += all.Count;
                unfinished += all.Count(r => r.FinishedAt is null);
                foreach (var run in all)
                {
                    byTrigger[run.Trigger] = byTrigger.GetValueOrDefault(run.Trigger) + 1;
                }

                for (var i = 1; i < all.Count; i++)
                {
                    var previousEnd = all[i - 1].FinishedAt ?? DateTimeOffset.MaxValue;
                    if (previousEnd > all[i].StartedAt)
                    {
                        overlaps.Add($"connector {connector}: run {all[i - 1].Id} [{all[i - 1].StartedAt:HH:mm:ss.fff}–{all[i - 1].FinishedAt:HH:mm:ss.fff}] overlaps {all[i].Id} starting {all[i].StartedAt:HH:mm:ss.fff}");
                    }
                }
            }

            var duplicates = new List<string>();
            var missing = 0;
            for (var k = 0; k < options.Connectors; k++)
            {
                var site = sim.JiraSite($"s{k}");
                duplicates.AddRange(site.DuplicateCreations.Select(d => $"s{k} {d.Key}: {d.Value} comments"));
                for (var epic = k; epic < options.Epics; epic += options.Connectors)
                {
                    missing += site.CommentsOn(work.EpicKey(epic)).Any(c => c.Marker != "none") ? 0 : 1;
                }
            }

            var servers = postgres is null ? new Dictionary<string, int>() : await HangfireJobs.Postgres(postgres.HangfireConnectionString).ProcessedByServerAsync(ct);
            var ours = servers.Where(s => s.Key == $"pid {a.Pid}" || s.Key == $"pid {b.Pid}").ToList();
            var errors = CountLogErrors(a.LogPath).Concat(CountLogErrors(b.LogPath)).ToList();

            _table.Section($"Scale-out: 2 processes on {storage}; {options.Connectors} Jira connectors, {Int(options.Epics)} key results, {options.Rounds} rounds");
            _table.Row("storm + drain time", ResultTable.Seconds(stormTime));
            _table.Row("answers (HTTP status × count)", string.Join(" | ", statuses
                .GroupBy(s => s.Key[..1])
                .OrderBy(g => g.Key)
                .Select(g => g.Key + " " + string.Join(" ", g.GroupBy(s => s.Key[(s.Key.LastIndexOf(' ') + 1)..]).OrderBy(x => x.Key).Select(x => $"{x.Key}×{x.Sum(y => y.Value)}")))));
            _table.Note("answers: " + string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {s.Value}")));
            _table.Row("sync runs recorded (by trigger)", $"{Int(runs)} ({string.Join(", ", byTrigger.Select(t => $"{t.Key} {t.Value}"))})");
            _table.Row("runs still unfinished", Int(unfinished), target: "0", met: unfinished == 0);
            _table.Row("overlapping runs of one connector", Int(overlaps.Count), target: "0", met: overlaps.Count == 0, gate: true);
            _table.Row("duplicate comments (issue + key result)", Int(duplicates.Count), target: "0", met: duplicates.Count == 0, gate: true);
            _table.Row("linked epics without their comment", Int(missing), target: "0", met: missing == 0, gate: true);
            _table.Row("writes by a final sync after the storm", Int(finalWrites));
            if (postgres is not null)
            {
                _table.Row("Hangfire jobs processed by A / B", $"{ours.FirstOrDefault(s => s.Key == $"pid {a.Pid}").Value} / {ours.FirstOrDefault(s => s.Key == $"pid {b.Pid}").Value}",
                    target: "both > 0", met: ours.Count == 2 && ours.All(s => s.Value > 0));
            }

            _table.Row("error lines in the hosts' logs (fail:/crit:)", Int(errors.Count));
            foreach (var error in errors.Distinct().Take(3))
            {
                _table.Note("host log: " + error);
            }

            _table.Row("RSS peak A / B", $"{a.PeakRssMb():F0} MB / {b.PeakRssMb():F0} MB");
            foreach (var overlap in overlaps.Take(5))
            {
                _table.Note(overlap);
            }

            foreach (var duplicate in duplicates.Take(5))
            {
                _table.Note("duplicate: " + duplicate);
            }

            if (postgres?.SharedHangfire == true)
            {
                _table.Note("Hangfire's schema was shared with whatever else uses this database (the role may not create a database).");
            }
        }
        catch (Exception) when (a is not null)
        {
            log.WriteLine($"FAILED; host logs: {a.LogPath}{(b is null ? "" : ", " + b.LogPath)}");
            throw;
        }
        finally
        {
            if (b is not null)
            {
                await b.DisposeAsync();
            }

            if (a is not null)
            {
                await a.DisposeAsync();
            }
        }

        log.WriteLine();
        log.WriteLine($"machine: {Environment.ProcessorCount} cores; load average (1/5/15 min) at start {loadAtStart}, at end {BenchHost.LoadAverage()}; {options.LatencyMs} ms added latency");
        log.Write(_table.Render());
        if (!options.Keep)
        {
            BenchHost.TryDelete(data);
        }

        if (_table.FailedGates.Count > 0)
        {
            log.WriteLine("scale-out gates not met:");
            foreach (var gate in _table.FailedGates)
            {
                log.WriteLine("  " + gate);
            }

            return 1;
        }

        return 0;
    }

    /// <summary>The host's error and critical log lines (console format "fail:"/"crit:"), first line of each.</summary>
    private static List<string> CountLogErrors(string logPath)
    {
        try
        {
            using var stream = new FileStream(logPath, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var reader = new StreamReader(stream);
            var lines = new List<string>();
            string? line;
            string? pending = null;
            while ((line = reader.ReadLine()) is not null)
            {
                if (pending is not null)
                {
                    lines.Add(pending + " " + line.Trim());
                    pending = null;
                }

                if (line.StartsWith("fail:", StringComparison.Ordinal) || line.StartsWith("crit:", StringComparison.Ordinal))
                {
                    pending = line.Trim();
                }
            }

            return lines;
        }
        catch (IOException)
        {
            return [];
        }
    }

    private static async Task Count(ConcurrentDictionary<string, int> statuses, string what, Task<(HttpStatusCode Status, JsonNode? Body)> call)
    {
        var (status, _) = await call;
        statuses.AddOrUpdate($"{what} {(int)status}", 1, (_, n) => n + 1);
    }

    private static string Int(double value) => ResultTable.Int(value);
}
