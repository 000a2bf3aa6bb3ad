using System.Collections.Concurrent;
using System.Diagnostics;
using System.Text.Json.Nodes;
using OkrConnect.Benchmarks.Hosting;
using OkrConnect.Benchmarks.Reporting;
using OkrConnect.Benchmarks.Simulator;

namespace OkrConnect.Benchmarks.Scenarios;

/// <summary>
/// Where the embedded default (SQLite for data and Hangfire) stops: webhook acknowledgement latency and inbox drain
/// time as the delivery rate rises, on SQLite and, when a connection string is set, on PostgreSQL with the same single
/// process; then two processes on one SQLite data directory, which Hangfire's SQLite storage does not support.
/// </summary>
public sealed class EmbeddedLimitsRun(BenchOptions options, TextWriter log)
{
    private readonly ResultTable _table = new();

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var loadAtStart = BenchHost.LoadAverage();
        var rates = options.Quick ? new[] { 50, 100 } : new[] { 100, 200, 400, 800 };
        var seconds = options.Quick ? 1 : 5;
        var sqlite = await SweepAsync("SQLite", null, rates, seconds, ct);
        Dictionary<int, Sweep>? postgres = null;
        if (BenchPostgres.ConfiguredConnectionString is not null)
        {
            await using var database = await BenchPostgres.CreateAsync(log, ct);
            postgres = await SweepAsync("PostgreSQL", database!.ConnectionString, rates, seconds, ct);
        }

        _table.Section($"Embedded limits: one process, webhook deliveries for {seconds} s at each rate ({options.Epics} × {options.Issues}, {options.LatencyMs} ms tracker latency)");
        foreach (var rate in rates)
        {
            var s = sqlite[rate];
            _table.Row($"{rate}/s SQLite: ack p50 / p99, errors, drain", $"{ResultTable.Ms(s.P50)} / {ResultTable.Ms(s.P99)}, {s.Errors}, {ResultTable.Seconds(s.Drain)}",
                target: rate == 200 ? "p99 ≤ 50 ms" : null, met: rate == 200 ? s.P99 <= 50 : null);
            if (postgres?[rate] is { } p)
            {
                _table.Row($"{rate}/s PostgreSQL: ack p50 / p99, errors, drain", $"{ResultTable.Ms(p.P50)} / {ResultTable.Ms(p.P99)}, {p.Errors}, {ResultTable.Seconds(p.Drain)}");
            }
        }

        _table.Row("SQLite RSS peak / PostgreSQL RSS peak", $"{sqlite.Values.Max(s => s.PeakRss):F0} MB / {(postgres is null ? "n/a" : $"{postgres.Values.Max(s => s.PeakRss):F0} MB")}");

        log.WriteLine();
        log.WriteLine($"machine: {Environment.ProcessorCount} cores; load average at start {loadAtStart}, at end {BenchHost.LoadAverage()}");
        log.Write(_table.Render());

        log.WriteLine();
        log.WriteLine("Two processes on one SQLite data directory (unsupported: Hangfire's SQLite storage is single-process):");
        var shared = await new ScaleOutRun(options with { Connectors = 2, Rounds = options.Quick ? 2 : 3 }, log, sharedSqlite: true).RunAsync(ct);
        log.WriteLine(shared == 0 ? "  (no gate failed in this run — which does not make it supported)" : "  (gates failed, as expected)");
        return 0;
    }

    private sealed record Sweep(double P50, double P99, int Errors, TimeSpan Drain, double PeakRss);

    private async Task<Dictionary<int, Sweep>> SweepAsync(string label, string? postgres, int[] rates, int seconds, CancellationToken ct)
    {
        log.WriteLine($"{label}: sweeping {string.Join(", ", rates)} deliveries/s…");
        var work = new SimulatedWork(options.Epics, options.Issues);
        await using var sim = await TrackerSimulator.StartAsync(work, options);
        var data = BenchHost.NewTempDirectory("limits-" + label.ToLowerInvariant());
        var secret = "bench-" + Guid.NewGuid().ToString("N");
        var results = new Dictionary<int, Sweep>();
        await using (var host = await HostProcess.StartAsync("okrconnect", HostProcess.FindHostDll(options.HostDll), data, BenchHost.Settings(data, secret, postgres, options.HostEnvironment), ct))
        {
            using var api = await OkrConnectClient.ConnectAsync(host.Url, BenchHost.AdminSubject, secret, ct);
            var cycle = await api.CreateCycleAsync("Limits", ct);
            var connector = await api.CreateConnectorAsync(
                "jira", "Jira", sim.JiraUrl("main"), new JsonObject { ["deployment"] = "cloud", ["email"] = "okr-bot@example.com" }, "token", JiraCloudSimulator.WebhookSecret, ct);
            var objective = await api.CreateObjectiveAsync(cycle, "Objective", ct);
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Epics), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, t) =>
            {
                var keyResult = await api.CreateKeyResultAsync(objective, $"Key result {i + 1}", t);
                await api.CreateLinkAsync(keyResult, connector, "jira-epic", work.EpicKey(i), "comment", t);
            });
            await api.SyncAsync(connector, wait: true, ct);

            using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 1024 }) { Timeout = TimeSpan.FromSeconds(60) };
            var random = new Random(3);
            foreach (var rate in rates)
            {
                var total = rate * seconds;
                var latencies = new ConcurrentBag<double>();
                var errors = 0;
                var tasks = new List<Task>(total);
                var clock = Stopwatch.StartNew();
                for (var i = 0; i < total; i++)
                {
                    var wait = TimeSpan.FromSeconds((double)i / rate) - clock.Elapsed;
                    if (wait > TimeSpan.FromMilliseconds(1))
                    {
                        await Task.Delay(wait, ct);
                    }

                    var (body, headers) = sim.Jira.IssueUpdatedWebhook(sim.JiraUrl("main"), random.Next(work.TotalIssues), Guid.NewGuid().ToString());
                    tasks.Add(Task.Run(async () =>
                    {
                        try
                        {
                            var (status, ms) = await api.WebhookAsync(http, "jira", connector, body, headers, ct);
                            latencies.Add(ms);
                            if (status >= 300)
                            {
                                Interlocked.Increment(ref errors);
                            }
                        }
                        catch (HttpRequestException)
                        {
                            Interlocked.Increment(ref errors);
                        }
                    }, ct));
                }

                await Task.WhenAll(tasks);
                var sent = clock.Elapsed;
                await BenchHost.WaitQuietAsync(api, connector, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10), ct);
                var drain = clock.Elapsed - sent - TimeSpan.FromSeconds(3);
                var list = latencies.ToList();
                results[rate] = new Sweep(ResultTable.Quantile(list, 0.5), ResultTable.Quantile(list, 0.99), errors, drain, host.PeakRssMb());
                log.WriteLine($"  {rate}/s: p50 {results[rate].P50:F0} ms, p99 {results[rate].P99:F0} ms, {errors} errors, drained {drain.TotalSeconds:F1} s after the last delivery");
            }
        }

        if (!options.Keep)
        {
            BenchHost.TryDelete(data);
        }

        return results;
    }
}
