using System.Diagnostics;
using System.Globalization;
using System.Text.Json.Nodes;
using OkrConnect.Benchmarks.Hosting;
using OkrConnect.Benchmarks.Reporting;
using OkrConnect.Benchmarks.Simulator;

namespace OkrConnect.Benchmarks.Scenarios;

/// <summary>
/// The main run: one host on the embedded SQLite default; N epics (Jira) and N parent issues (GitHub) with M children
/// each, one key result per epic/parent, through the public API; then full sync, steady state, 1 % incremental,
/// webhook → write-back latency, webhook acknowledgement under load, RSS and Hangfire jobs, against a naive baseline.
/// </summary>
public sealed class SingleHostRun(BenchOptions options, TextWriter log)
{
    private const string Site = "main";
    private const int EngineBatch = 50;

    private readonly ResultTable _table = new();
    private TrackerSimulator _sim = null!;
    private HostProcess _host = null!;
    private OkrConnectClient _api = null!;
    private HangfireJobs _jobs = null!;
    private Guid _jira;
    private Guid _gitHub;
    private bool _gitHubAvailable;
    private readonly List<Guid> _jiraKeyResults = [];
    private readonly List<Guid> _gitHubKeyResults = [];
    private readonly List<double> _steadyRss = [];

    public async Task<int> RunAsync(CancellationToken ct)
    {
        var loadAtStart = BenchHost.LoadAverage();
        var work = new SimulatedWork(options.Epics, options.Issues);
        await using var sim = await TrackerSimulator.StartAsync(work, options);
        _sim = sim;
        var hostDll = HostProcess.FindHostDll(options.HostDll);
        var data = BenchHost.NewTempDirectory("single");
        var secret = "bench-" + Guid.NewGuid().ToString("N");
        log.WriteLine($"host: {hostDll}");
        log.WriteLine($"data: {data}; simulator: {sim.BaseUrl}; load average at start {loadAtStart}");

        await BaselineAsync(ct);
        _table.Note("Naive baseline, measured against the same simulator before the host starts: one query per epic/parent at the trackers' "
            + "default page sizes (Jira 50, GitHub 30), no conditional requests, no incremental reads, its comment written on every sync, 4 requests at a time.");

        HostProcess? host = null;
        try
        {
            var startWatch = Stopwatch.StartNew();
            host = await HostProcess.StartAsync("okrconnect", hostDll, data, BenchHost.Settings(data, secret, null, options.HostEnvironment), ct);
            _host = host;
            var startup = startWatch.Elapsed;
            _api = await OkrConnectClient.ConnectAsync(host.Url, BenchHost.AdminSubject, secret, ct);
            _jobs = HangfireJobs.Sqlite(data);
            log.WriteLine($"host ready in {startup.TotalSeconds:F1} s (pid {host.Pid}, RSS {host.RssMb():F0} MB)");

            var jiraBefore = sim.JiraSite(Site).Snapshot();
            var gitHubBefore = sim.GitHubSite(Site).Snapshot();
            var seed = await SeedAsync(ct);
            var seedCalls = sim.JiraSite(Site).Snapshot().Minus(jiraBefore).Total + sim.GitHubSite(Site).Snapshot().Minus(gitHubBefore).Total;
            _table.Section($"0 Setup: {Int(work.TotalIssues)} issues per tracker under {Int(options.Epics)} epics/parents; {Int(options.Epics)} key results per tracker");
            _table.Row("host start → ready", ResultTable.Seconds(startup));
            _table.Row("seeding through the REST API", $"{ResultTable.Seconds(seed.Elapsed)} ({Int(seed.Requests)} req)");
            _table.Row("tracker calls while seeding (link validation)", Int(seedCalls));

            await FullSyncJiraAsync(ct);
            if (_gitHubAvailable)
            {
                await FullSyncGitHubAsync(ct);
            }

            await SteadyStateAsync(ct);
            await IncrementalAsync(ct);
            await WebhookLatencyAsync(ct);
            await AckLatencyAsync(ct);

            _table.Section("6 Memory of the host process (/proc/<pid>/status)");
            var steady = _steadyRss.Count > 0 ? ResultTable.Quantile(_steadyRss, 0.5) : host.RssMb();
            var peak = host.PeakRssMb();
            _table.Row("RSS steady (median over steady-state syncs and idle)", $"{steady:F0} MB", target: "≤ 256 MB", met: steady <= 256);
            _table.Row("RSS peak (VmHWM over the whole run)", $"{peak:F0} MB", target: "≤ 384 MB", met: peak <= 384);
        }
        catch (Exception ex) when (host is not null)
        {
            log.WriteLine($"FAILED: {ex.Message}");
            log.WriteLine($"host log: {host.LogPath}");
            throw;
        }
        finally
        {
            _api?.Dispose();
            if (host is not null)
            {
                await host.DisposeAsync();
            }
        }

        log.WriteLine();
        log.WriteLine($"OkrConnect benchmark — {Int(options.Epics)} × {Int(options.Issues)} ({Int(work.TotalIssues)} issues per tracker), "
            + $"{options.LatencyMs} ms added latency per tracker call, Jira page cap {options.JiraPageCap}, GitHub per_page 100"
            + (options.Quick ? " [quick]" : ""));
        log.WriteLine($"machine: {Environment.ProcessorCount} cores; load average (1/5/15 min) at start {loadAtStart}, at end {BenchHost.LoadAverage()}; "
            + "host: separate process, embedded SQLite + Hangfire SQLite storage"
            + (options.HostEnvironment.Count > 0 ? "; host environment " + string.Join(" ", options.HostEnvironment.Select(e => $"{e.Key}={e.Value}")) : ""));
        log.WriteLine();
        log.Write(_table.Render());

        if (!options.Keep)
        {
            BenchHost.TryDelete(data);
        }
        else
        {
            log.WriteLine($"data kept in {data}");
        }

        if (_table.FailedGates.Count > 0)
        {
            log.WriteLine();
            log.WriteLine("CI gates not met:");
            foreach (var gate in _table.FailedGates)
            {
                log.WriteLine("  " + gate);
            }

            return options.Quick ? 1 : 0;
        }

        return 0;
    }

    // --- Seeding ---

    private async Task<(TimeSpan Elapsed, int Requests)> SeedAsync(CancellationToken ct)
    {
        var watch = Stopwatch.StartNew();
        var requests = 0;
        var cycle = await _api.CreateCycleAsync("Bench cycle", ct);
        _jira = await _api.CreateConnectorAsync(
            "jira", "Bench Jira", _sim.JiraUrl(Site),
            new JsonObject { ["deployment"] = "cloud", ["email"] = "okr-bot@example.com" },
            "bench-api-token", JiraCloudSimulator.WebhookSecret, ct);
        requests += 2;

        if (!options.SkipGitHub && _sim.GitHub is not null)
        {
            _gitHub = await _api.CreateConnectorAsync(
                "github", "Bench GitHub", _sim.GitHubUrl(Site), new JsonObject { ["auth"] = "token" },
                "ghp_bench_token_not_a_secret", GitHubSimulator.WebhookSecret, ct);
            requests++;
            var (installed, answer) = await _api.TestConnectorAsync(_gitHub, ct);
            _gitHubAvailable = installed;
            if (!installed)
            {
                _table.Note($"GitHub: SKIPPED — the host has no connector of kind \"github\" installed ({answer.Trim()}).");
            }
        }
        else if (!options.SkipGitHub)
        {
            _table.Note("GitHub: SKIPPED — the GitHub fixtures were not found beside the bench.");
        }

        async Task<List<Guid>> KeyResultsAsync(string prefix, CancellationToken token)
        {
            // Ten key results per objective, as a team would write them.
            var objectives = new List<Guid>();
            for (var o = 0; o < (options.Epics + 9) / 10; o++)
            {
                objectives.Add(await _api.CreateObjectiveAsync(cycle, $"{prefix} objective {o + 1}", token));
            }

            var ids = new Guid[options.Epics];
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Epics), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = token }, async (i, t) =>
                ids[i] = await _api.CreateKeyResultAsync(objectives[i / 10], $"{prefix} key result {i + 1}", t));
            Interlocked.Add(ref requests, objectives.Count + ids.Length);
            return [.. ids];
        }

        _jiraKeyResults.AddRange(await KeyResultsAsync("Jira", ct));
        await Parallel.ForEachAsync(Enumerable.Range(0, options.Epics), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, t) =>
            await _api.CreateLinkAsync(_jiraKeyResults[i], _jira, "jira-epic", _sim.Work.EpicKey(i), "comment", t));
        requests += options.Epics;

        if (_gitHubAvailable)
        {
            _gitHubKeyResults.AddRange(await KeyResultsAsync("GitHub", ct));
            await Parallel.ForEachAsync(Enumerable.Range(0, options.Epics), new ParallelOptions { MaxDegreeOfParallelism = 4, CancellationToken = ct }, async (i, t) =>
                await _api.CreateLinkAsync(
                    _gitHubKeyResults[i], _gitHub, "github-issue", $"{SimulatedWork.Repository}#{SimulatedWork.ParentNumber(i)}",
                    i < options.GitHubCommentLinks ? "comment" : "none", t));
            requests += options.Epics;
        }

        log.WriteLine($"seeded in {watch.Elapsed.TotalSeconds:F1} s");
        return (watch.Elapsed, requests);
    }

    // --- Phases ---

    private sealed record Phase(SyncRunInfo Run, CallCounts Calls, long Jobs, TimeSpan EndToEnd, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<DateTimeOffset> Creations);

    private async Task<Phase> TimedAsync(Guid connector, SimulatedSite site, string trigger, Func<Task> start, CancellationToken ct)
    {
        var known = await BenchHost.KnownRunsAsync(_api, connector, ct);
        var before = site.Snapshot();
        var jobsBefore = await _jobs.CountAsync(ct);
        var creationsBefore = site.CreationTimes.Count;
        var from = DateTimeOffset.UtcNow;
        var watch = Stopwatch.StartNew();
        await start();
        var run = await BenchHost.WaitForRunAsync(_api, connector, known, trigger, TimeSpan.FromHours(2), ct);
        var elapsed = watch.Elapsed;
        var to = DateTimeOffset.UtcNow;
        var calls = site.Snapshot().Minus(before);
        var jobs = await _jobs.CountAsync(ct) - jobsBefore;
        log.WriteLine($"  {trigger} run {run.Status} in {ResultTable.Seconds(run.Duration)}: {calls.Describe()}");
        if (run.Errors.Count > 0)
        {
            log.WriteLine($"  run errors ({run.Errors.Count}): {string.Join(" | ", run.Errors.Take(3))}");
        }

        return new Phase(run, calls, jobs, elapsed, from, to, [.. site.CreationTimes.Skip(creationsBefore)]);
    }

    private Task<Phase> ManualAsync(Guid connector, SimulatedSite site, CancellationToken ct) =>
        TimedAsync(connector, site, "manual", async () =>
        {
            var (status, body) = await _api.SyncAsync(connector, wait: false, ct);
            if ((int)status >= 300)
            {
                throw new InvalidOperationException($"POST sync answered {(int)status}: {body}");
            }
        }, ct);

    private bool? _dashboardTrigger;

    /// <summary>
    /// A scheduled (incremental) run, started the way Hangfire's "Trigger now" does; when the dashboard refuses, the
    /// connector's cron is set to every minute until the run starts.
    /// </summary>
    private Task<Phase> ScheduledAsync(Guid connector, SimulatedSite site, CancellationToken ct) =>
        TimedAsync(connector, site, "schedule", async () =>
        {
            if (_dashboardTrigger != false)
            {
                // The recurring job exists once the schedule has caught up with the connector (≤ 5 s here).
                for (var attempt = 0; attempt < 20; attempt++)
                {
                    if (await _api.TriggerRecurringAsync($"sync:{connector:D}", ct))
                    {
                        _dashboardTrigger = true;
                        return;
                    }

                    await Task.Delay(500, ct);
                }

                _dashboardTrigger = false;
                _table.Note("Scheduled runs were started by setting the connector's cron to every minute (the dashboard's trigger was refused).");
            }

            await _api.PatchConnectorCronAsync(connector, "* * * * *", ct);
            var known = await BenchHost.KnownRunsAsync(_api, connector, ct);
            var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
            while (DateTimeOffset.UtcNow < deadline)
            {
                var runs = await _api.GetAsync($"/api/connectors/{connector}/sync-runs?limit=5", ct);
                if (runs["items"]!.AsArray().Any(r => r!["trigger"]!.GetValue<string>() == "schedule" && !known.Contains(Guid.Parse(r["id"]!.GetValue<string>()))))
                {
                    break;
                }

                await Task.Delay(500, ct);
            }

            await _api.PatchConnectorCronAsync(connector, "0 3 1 1 *", ct);
        }, ct);

    private async Task FullSyncJiraAsync(CancellationToken ct)
    {
        log.WriteLine("1 full sync (Jira)…");
        var site = _sim.JiraSite(Site);
        var phase = await ManualAsync(_jira, site, ct);
        var total = _sim.Work.TotalIssues;
        var minimum = MinimumJiraPages();
        var search = phase.Calls[Endpoints.JiraSearch];
        var readRatio = (double)search / minimum;
        var allReads = phase.Calls.Reads;
        _fullJira = phase;

        _table.Section($"1 Full sync, Jira Cloud ({Int(total)} issues, {Int(options.Epics)} epics; Hangfire job via POST /api/connectors/{{id}}/sync)");
        var naive = _naive.JiraFull;
        _table.Row("wall time (run start → finish)", ResultTable.Seconds(phase.Run.Duration), ResultTable.Seconds(_naive.JiraFullTime), ResultTable.Ratio(phase.Run.Duration?.TotalSeconds ?? 0, _naive.JiraFullTime.TotalSeconds), $"≤ 30 s @ {options.LatencyMs} ms", Within30s(phase.Run.Duration));
        _table.Row("end to end (request → run finished)", ResultTable.Seconds(phase.EndToEnd));
        _table.Row($"search calls (minimum ⌈{Int(total)}/{options.JiraPageCap}⌉ = {Int(minimum)})", Int(search), Int(naive[Endpoints.JiraSearch]), ResultTable.Ratio(search, naive[Endpoints.JiraSearch]));
        _table.Row("work reads ÷ minimum", ResultTable.Num(readRatio), ResultTable.Num((double)naive[Endpoints.JiraSearch] / minimum), target: "≤ 1.02", met: readRatio <= 1.02, gate: true);
        _table.Row("epic describe calls during the sync", Int(phase.Calls[Endpoints.JiraIssue]));
        _table.Row("discovery calls (myself, field)", Int(phase.Calls[Endpoints.JiraMyself] + phase.Calls[Endpoints.JiraFields] + phase.Calls[Endpoints.JiraServerInfo]));
        _table.Row("write-back lookups (comments, properties)", Int(phase.Calls[Endpoints.JiraComments] + phase.Calls[Endpoints.JiraCommentList] + phase.Calls[Endpoints.JiraCommentProperty]));
        _table.Row("all reads ÷ minimum", ResultTable.Num((double)allReads / minimum), ResultTable.Num((double)naive.Reads / minimum));
        _table.Row("all calls", Int(phase.Calls.Total), Int(naive.Total), ResultTable.Ratio(phase.Calls.Total, naive.Total));
        _table.Row("writes (comments created + edited)", Int(phase.Calls.Writes), Int(naive.Writes));
        TimelineRows(site, phase, [("describe epics", Endpoints.JiraIssue), ("search", Endpoints.JiraSearch), ("write-back lookups", Endpoints.JiraComments), ("comment creation", Endpoints.AddComment)]);
        _table.Row("Hangfire jobs created", Int(phase.Jobs), target: "≤ 50", met: phase.Jobs <= 50);
        _table.Row("run status / API calls the run reports", $"{phase.Run.Status} / {Int(phase.Run.ApiCalls)}");
        _table.Row("RSS peak during the sync", $"{_host.RssBetween(phase.From, phase.To).DefaultIfEmpty(0).Max():F0} MB");
    }

    private Phase? _fullJira;
    private Phase? _fullGitHub;

    private async Task FullSyncGitHubAsync(CancellationToken ct)
    {
        log.WriteLine("1 full sync (GitHub)…");
        var site = _sim.GitHubSite(Site);
        var phase = await ManualAsync(_gitHub, site, ct);
        _fullGitHub = phase;
        var minimum = MinimumGitHubPages();
        var pages = phase.Calls[Endpoints.GitHubSubIssues];
        var ratio = (double)pages / minimum;
        var gaps = phase.Creations.Order().Zip(phase.Creations.Order().Skip(1), (a, b) => (b - a).TotalMilliseconds).ToList();
        var writeStart = phase.Creations.Count > 0 ? phase.Creations.Min() : phase.To;

        _table.Section($"1 Full sync, GitHub ({Int(_sim.Work.TotalIssues)} sub-issues, {Int(options.Epics)} parents; {options.GitHubCommentLinks} links write a comment)");
        _table.Row("wall time (run start → finish)", ResultTable.Seconds(phase.Run.Duration), $"{ResultTable.Seconds(_naive.GitHubFullTime)} unpaced");
        _table.Row("  of which reads (run start → first comment)", ResultTable.Seconds(writeStart - phase.Run.StartedAt), target: $"≤ 30 s @ {options.LatencyMs} ms", met: Within30s(writeStart - phase.Run.StartedAt));
        _table.Row("  of which paced comment creation", ResultTable.Seconds(phase.Run.FinishedAt - writeStart));
        var naive = _naive.GitHubFull ?? CallCounts.Empty;
        _table.Row($"sub_issues pages (minimum {Int(options.Epics)} × ⌈{options.Issues}/100⌉ = {Int(minimum)})", Int(pages), Int(naive[Endpoints.GitHubSubIssues]), ResultTable.Ratio(pages, naive[Endpoints.GitHubSubIssues]));
        _table.Row("work reads ÷ minimum", ResultTable.Num(ratio), ResultTable.Num((double)naive[Endpoints.GitHubSubIssues] / minimum), target: "≤ 1.02", met: ratio <= 1.02, gate: true);
        _table.Row("all calls", Int(phase.Calls.Total), Int(naive.Total), ResultTable.Ratio(phase.Calls.Total, naive.Total));
        _table.Row("parent describe calls during the sync", Int(phase.Calls[Endpoints.GitHubIssue]));
        _table.Row("write-back lookups (user, comments)", Int(phase.Calls[Endpoints.GitHubUser] + phase.Calls[Endpoints.GitHubComments] + phase.Calls[Endpoints.GitHubComment]));
        _table.Row("comments created", Int(phase.Calls[Endpoints.AddComment]));
        TimelineRows(site, phase, [("describe parents", Endpoints.GitHubIssue), ("sub_issues", Endpoints.GitHubSubIssues), ("comment creation", Endpoints.AddComment)]);
        // Measured at the simulator on arrival; the pacer spaces the sends, so loopback and scheduler jitter of a few ms is tolerated.
        _table.Row("comment creation gap: min / median (arrival)", gaps.Count == 0 ? "n/a" : $"{ResultTable.Ms(gaps.Min())} / {ResultTable.Ms(ResultTable.Quantile(gaps, 0.5))}", target: "≥ 1 s (−25 ms jitter)", met: gaps.Count == 0 ? null : gaps.Min() >= 975);
        _table.Row("Hangfire jobs created", Int(phase.Jobs), target: "≤ 50", met: phase.Jobs <= 50);
        if (options.Epics > options.GitHubCommentLinks)
        {
            var hours = Math.Max(0, (options.Epics - 1) / 500);
            _table.Note($"GitHub comment creation is paced by the connector (≥ 1 s apart, ≤ 80/min, ≤ 500/h per token): creating all {Int(options.Epics)} "
                + $"comments would hold the run for ≥ {Int(options.Epics)} s{(hours > 0 ? $" plus {hours} h of hourly-cap waits" : "")}; the table uses {options.GitHubCommentLinks} comment links.");
        }
    }

    private async Task SteadyStateAsync(CancellationToken ct)
    {
        log.WriteLine("2 steady state…");
        var jira = await ManualAsync(_jira, _sim.JiraSite(Site), ct);
        _steadyRss.AddRange(_host.RssBetween(jira.From, jira.To));
        var scheduled = await ScheduledAsync(_jira, _sim.JiraSite(Site), ct);
        _steadyRss.AddRange(_host.RssBetween(scheduled.From, scheduled.To));
        _steadyJiraScheduled = scheduled;

        _table.Section("2 Steady state: a second sync with nothing changed");
        var naiveJira = _naive.JiraSteady;
        _table.Row("Jira manual re-sync (full re-read): calls", Int(jira.Calls.Total), Int(naiveJira.Total), ResultTable.Ratio(jira.Calls.Total, naiveJira.Total));
        _table.Row("Jira manual re-sync: writes", Int(jira.Calls.Writes), Int(naiveJira.Writes), target: "0", met: jira.Calls.Writes == 0, gate: true);
        _table.Row("Jira manual re-sync: wall time", ResultTable.Seconds(jira.Run.Duration));
        _table.Row("Jira scheduled (incremental) sync: calls", Int(scheduled.Calls.Total), Int(naiveJira.Total), ResultTable.Ratio(scheduled.Calls.Total, naiveJira.Total));
        _table.Row("Jira scheduled sync: writes", Int(scheduled.Calls.Writes), Int(naiveJira.Writes), target: "0", met: scheduled.Calls.Writes == 0, gate: true);
        _table.Row("Jira scheduled sync: wall time", ResultTable.Seconds(scheduled.Run.Duration));

        if (_gitHubAvailable)
        {
            var gitHub = await ManualAsync(_gitHub, _sim.GitHubSite(Site), ct);
            _steadyRss.AddRange(_host.RssBetween(gitHub.From, gitHub.To));
            var gets = gitHub.Calls.Reads;
            var share = gets == 0 ? 0 : (double)gitHub.Calls.NotModified / gets;
            var naiveGitHub = _naive.GitHubSteady ?? CallCounts.Empty;
            _table.Row("GitHub re-sync: calls", Int(gitHub.Calls.Total), Int(naiveGitHub.Total), ResultTable.Ratio(gitHub.Calls.Total, naiveGitHub.Total));
            _table.Row("GitHub re-sync: answered 304", $"{Int(gitHub.Calls.NotModified)} ({ResultTable.Percent(share)})", Int(naiveGitHub.NotModified), target: "≥ 95 %", met: share >= 0.95, gate: true);
            _table.Row("GitHub re-sync: writes", Int(gitHub.Calls.Writes), Int(naiveGitHub.Writes), target: "0", met: gitHub.Calls.Writes == 0, gate: true);
            _table.Row("GitHub re-sync: wall time", ResultTable.Seconds(gitHub.Run.Duration));
        }

        // Idle memory once the syncs are done and the runtime has settled.
        var idleFrom = DateTimeOffset.UtcNow;
        await Task.Delay(TimeSpan.FromSeconds(options.Quick ? 1 : 5), ct);
        _steadyRss.AddRange(_host.RssBetween(idleFrom, DateTimeOffset.UtcNow));
    }

    private Phase? _steadyJiraScheduled;

    private async Task IncrementalAsync(CancellationToken ct)
    {
        var count = Math.Max(1, (int)Math.Round(_sim.Work.TotalIssues * options.ChangedShare));
        log.WriteLine($"3 incremental ({count} issues changed)…");
        var changed = _sim.Work.Sample(count, seed: 7);
        var touched = changed.Select(i => i / _sim.Work.IssuesPerEpic).Distinct().ToList();
        var breakdowns = touched.ToDictionary(e => e, _sim.Work.JiraBreakdown);
        foreach (var issue in changed)
        {
            _sim.Work.ChangeJira(issue);
        }

        // The comment (count model) says "done of total": two changes in one epic can cancel out (done → to do, in
        // progress → done), and in progress ↔ to do says nothing new. Only epics whose done count moved need a write.
        var epicsTouched = touched.Count;
        var expectedJira = touched.Count(e => _sim.Work.JiraBreakdown(e).Done != breakdowns[e].Done);
        var jira = await ScheduledAsync(_jira, _sim.JiraSite(Site), ct);
        var batches = (options.Epics + EngineBatch - 1) / EngineBatch;

        _table.Section($"3 Incremental: {ResultTable.Percent(options.ChangedShare)} of issues changed ({Int(count)} issues under {Int(epicsTouched)} epics), scheduled sync");
        var naiveJira = _naive.JiraSteady;
        _table.Row($"Jira: search calls (one per batch of {EngineBatch} epics = {batches})", Int(jira.Calls[Endpoints.JiraSearch]), Int(naiveJira[Endpoints.JiraSearch]), ResultTable.Ratio(jira.Calls[Endpoints.JiraSearch], naiveJira[Endpoints.JiraSearch]));
        _table.Row("Jira: all calls", Int(jira.Calls.Total), Int(naiveJira.Total), ResultTable.Ratio(jira.Calls.Total, naiveJira.Total));
        _table.Row($"Jira: writes (epics whose done count changed = {expectedJira})", Int(jira.Calls.Writes), Int(naiveJira.Writes), ResultTable.Ratio(jira.Calls.Writes, naiveJira.Writes), target: $"= {expectedJira}", met: jira.Calls.Writes == expectedJira);
        _table.Row("Jira: wall time", ResultTable.Seconds(jira.Run.Duration));

        if (_gitHubAvailable)
        {
            var closedBefore = touched.ToDictionary(p => p, _sim.Work.GitHubClosedCount);
            foreach (var issue in changed)
            {
                _sim.Work.ChangeGitHub(issue);
            }

            var commentTouched = touched.Count(p => p < options.GitHubCommentLinks && _sim.Work.GitHubClosedCount(p) != closedBefore[p]);
            var gitHub = await ScheduledAsync(_gitHub, _sim.GitHubSite(Site), ct);
            var naiveGitHub = _naive.GitHubSteady ?? CallCounts.Empty;
            _table.Row("GitHub: calls (sub_issues has no since)", Int(gitHub.Calls.Total), Int(naiveGitHub.Total), ResultTable.Ratio(gitHub.Calls.Total, naiveGitHub.Total));
            _table.Row("GitHub: answered 304", $"{Int(gitHub.Calls.NotModified)} ({ResultTable.Percent(gitHub.Calls.Reads == 0 ? 0 : (double)gitHub.Calls.NotModified / gitHub.Calls.Reads)})");
            _table.Row($"GitHub: writes (comment links whose count changed = {commentTouched})", Int(gitHub.Calls.Writes), Int(naiveGitHub.Writes), target: $"= {commentTouched}", met: gitHub.Calls.Writes == commentTouched);
            _table.Row("GitHub: wall time", ResultTable.Seconds(gitHub.Run.Duration));
        }
    }

    private async Task WebhookLatencyAsync(CancellationToken ct)
    {
        log.WriteLine($"4 webhook → write-back ({options.WebhookDeliveries} Jira deliveries at {options.WebhookRate}/s)…");
        var site = _sim.JiraSite(Site);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 256 }) { Timeout = TimeSpan.FromSeconds(60) };
        var latencies = await DeliverAsync(options.WebhookDeliveries, options.WebhookRate, async i =>
        {
            // Walk the epics with a stride so consecutive deliveries touch different epics.
            var epic = (int)((long)i * 7919 % options.Epics);
            var issue = epic * _sim.Work.IssuesPerEpic + (i / options.Epics) % _sim.Work.IssuesPerEpic;
            _sim.Work.ChangeJira(issue);
            var written = site.NextWriteOn(_sim.Work.EpicKey(epic));
            var (body, headers) = _sim.Jira.IssueUpdatedWebhook(_sim.JiraUrl(Site), issue, Guid.NewGuid().ToString());
            var sent = DateTimeOffset.UtcNow;
            var (status, _) = await _api.WebhookAsync(http, "jira", _jira, body, headers, ct);
            if (status >= 300)
            {
                return (double?)null;
            }

            var done = await Task.WhenAny(written, Task.Delay(TimeSpan.FromSeconds(60), ct));
            return done == written ? (written.Result - sent).TotalMilliseconds : null;
        }, ct);

        _table.Section($"4 Webhook → write-back latency (signed jira:issue_updated for a changed issue → edited comment arrives; {Int(options.WebhookDeliveries)} deliveries, {options.WebhookRate}/s)");
        Percentiles("Jira", latencies, targetMs: 500, options.WebhookDeliveries);

        if (_gitHubAvailable && options.GitHubWebhookDeliveries > 0 && options.GitHubCommentLinks > 0)
        {
            var gitHubSite = _sim.GitHubSite(Site);
            var gitHubLatencies = await DeliverAsync(options.GitHubWebhookDeliveries, 1 / 1.2, async i =>
            {
                var parent = i % options.GitHubCommentLinks;
                var issue = parent * _sim.Work.IssuesPerEpic + (i / options.GitHubCommentLinks) % _sim.Work.IssuesPerEpic;
                _sim.Work.ChangeGitHub(issue);
                var written = gitHubSite.NextWriteOn(GitHubSimulator.IssueKey(SimulatedWork.ParentNumber(parent).ToString(CultureInfo.InvariantCulture)));
                var (body, headers) = _sim.GitHub!.IssueWebhook(_sim.GitHubUrl(Site), issue, Guid.NewGuid().ToString());
                var sent = DateTimeOffset.UtcNow;
                var (status, _) = await _api.WebhookAsync(http, "github", _gitHub, body, headers, ct);
                if (status >= 300)
                {
                    return (double?)null;
                }

                var done = await Task.WhenAny(written, Task.Delay(TimeSpan.FromSeconds(60), ct));
                return done == written ? (written.Result - sent).TotalMilliseconds : null;
            }, ct);
            Percentiles($"GitHub ({options.GitHubWebhookDeliveries} at 1 per 1.2 s; edits paced ≥ 1 s apart)", gitHubLatencies, targetMs: null, options.GitHubWebhookDeliveries);
        }

        await BenchHost.WaitQuietAsync(_api, _jira, TimeSpan.FromSeconds(2), TimeSpan.FromMinutes(5), ct);
    }

    private async Task AckLatencyAsync(CancellationToken ct)
    {
        var total = options.AckRate * options.AckSeconds;
        log.WriteLine($"5 webhook acknowledgement ({total} deliveries at {options.AckRate}/s)…");
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 512 }) { Timeout = TimeSpan.FromSeconds(60) };
        var statuses = new System.Collections.Concurrent.ConcurrentDictionary<int, int>();
        var from = DateTimeOffset.UtcNow;
        var random = new Random(11);
        var issues = Enumerable.Range(0, total).Select(_ => random.Next(_sim.Work.TotalIssues)).ToArray();
        var latencies = await DeliverAsync(total, options.AckRate, async i =>
        {
            var (body, headers) = _sim.Jira.IssueUpdatedWebhook(_sim.JiraUrl(Site), issues[i], Guid.NewGuid().ToString());
            var (status, ms) = await _api.WebhookAsync(http, "jira", _jira, body, headers, ct);
            statuses.AddOrUpdate(status, 1, (_, n) => n + 1);
            return ms;
        }, ct);
        var to = DateTimeOffset.UtcNow;

        _table.Section($"5 Webhook acknowledgement at {options.AckRate} requests/s ({Int(total)} signed deliveries, open loop, each queues a sync)");
        var ok = latencies.Where(l => l is not null).Select(l => l!.Value).ToList();
        _table.Row("p50 / p95", $"{ResultTable.Ms(ResultTable.Quantile(ok, 0.5))} / {ResultTable.Ms(ResultTable.Quantile(ok, 0.95))}");
        var p99 = ResultTable.Quantile(ok, 0.99);
        _table.Row("p99", ResultTable.Ms(p99), target: "≤ 50 ms", met: options.Quick ? null : p99 <= 50);
        _table.Row("answers", string.Join(", ", statuses.OrderBy(s => s.Key).Select(s => $"{s.Key}: {Int(s.Value)}")));
        _table.Row("RSS peak during the burst", $"{_host.RssBetween(from, to).DefaultIfEmpty(0).Max():F0} MB");
        await BenchHost.WaitQuietAsync(_api, _jira, TimeSpan.FromSeconds(3), TimeSpan.FromMinutes(10), ct);
        log.WriteLine($"  inbox drained {(DateTimeOffset.UtcNow - to).TotalSeconds:F1} s after the burst");
        _table.Row("time to drain the inbox after the burst", ResultTable.Seconds(DateTimeOffset.UtcNow - to));
    }

    // --- Baseline (before the host starts, so it never competes with it) ---

    private sealed record Naive(CallCounts JiraFull, TimeSpan JiraFullTime, CallCounts JiraSteady, CallCounts? GitHubFull, TimeSpan GitHubFullTime, CallCounts? GitHubSteady);

    private Naive _naive = null!;

    private async Task BaselineAsync(CancellationToken ct)
    {
        log.WriteLine("naive baseline (before the host starts)…");
        var naive = new NaiveBaseline(_sim);
        using var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 16 }) { Timeout = TimeSpan.FromMinutes(2) };
        var jiraSite = _sim.JiraSite(NaiveBaseline.JiraSite);
        var before = jiraSite.Snapshot();
        var fullTime = await naive.SyncJiraAsync(http, options.Epics, ct);
        var full = jiraSite.Snapshot().Minus(before);
        before = jiraSite.Snapshot();
        await naive.SyncJiraAsync(http, options.Epics, ct);
        var steady = jiraSite.Snapshot().Minus(before);

        CallCounts? gitHubFull = null;
        CallCounts? gitHubSteady = null;
        var gitHubTime = TimeSpan.Zero;
        if (!options.SkipGitHub && _sim.GitHub is not null)
        {
            var gitHubSite = _sim.GitHubSite(NaiveBaseline.GitHubSite);
            before = gitHubSite.Snapshot();
            gitHubTime = await naive.SyncGitHubAsync(http, options.Epics, options.GitHubCommentLinks, ct);
            gitHubFull = gitHubSite.Snapshot().Minus(before);
            before = gitHubSite.Snapshot();
            await naive.SyncGitHubAsync(http, options.Epics, options.GitHubCommentLinks, ct);
            gitHubSteady = gitHubSite.Snapshot().Minus(before);
        }

        _naive = new Naive(full, fullTime, steady, gitHubFull, gitHubTime, gitHubSteady);
        log.WriteLine($"  Jira full: {full.Describe()} in {fullTime.TotalSeconds:F1} s; GitHub full: {gitHubFull?.Describe()} in {gitHubTime.TotalSeconds:F1} s");
    }

    // --- Helpers ---

    private int MinimumJiraPages() => (_sim.Work.TotalIssues + options.JiraPageCap - 1) / options.JiraPageCap;

    private int MinimumGitHubPages() => options.Epics * ((options.Issues + 99) / 100);

    /// <summary>When the run did what: first → last call of each kind, as the simulator saw them.</summary>
    private void TimelineRows(SimulatedSite site, Phase phase, IReadOnlyList<(string Label, string Endpoint)> steps)
    {
        var timeline = site.Timeline(phase.From, phase.To);
        var reads = steps.Where(s => s.Endpoint is Endpoints.JiraSearch or Endpoints.GitHubSubIssues).Select(s => timeline.GetValueOrDefault(s.Endpoint)).FirstOrDefault(t => t.Calls > 0);
        var writes = timeline.Where(t => t.Key is Endpoints.JiraComments or Endpoints.GitHubComments or Endpoints.GitHubUser or Endpoints.JiraCommentProperty or Endpoints.GitHubComment or Endpoints.AddComment or Endpoints.EditComment)
            .Select(t => t.Value.First).DefaultIfEmpty(phase.Run.FinishedAt ?? phase.To).Min();
        if (reads.Calls > 0)
        {
            // Nothing is called between the last read and the first write-back call: the engine stores the items and recomputes.
            _table.Row("  store items + recompute (last read → first write-back call)", ResultTable.Seconds(writes - reads.Last));
        }

        foreach (var (label, endpoint) in steps)
        {
            if (timeline.TryGetValue(endpoint, out var span))
            {
                var perCall = span.Calls > 1 ? (span.Last - span.First).TotalMilliseconds / (span.Calls - 1) : 0;
                _table.Row($"  {label}: {Int(span.Calls)} calls", $"{ResultTable.Seconds(span.Last - span.First)} ({perCall:F0} ms/call)");
            }
        }
    }

    private bool? Within30s(TimeSpan? duration) => options.Quick || duration is null ? null : duration.Value.TotalSeconds <= 30;

    private void Percentiles(string label, IReadOnlyList<double?> latencies, double? targetMs, int sent)
    {
        var ok = latencies.Where(l => l is not null).Select(l => l!.Value).ToList();
        var p95 = ResultTable.Quantile(ok, 0.95);
        _table.Row($"{label}: p50", ResultTable.Ms(ResultTable.Quantile(ok, 0.5)));
        _table.Row($"{label}: p95", ResultTable.Ms(p95), target: targetMs is { } t ? $"≤ {t:F0} ms" : null, met: targetMs is { } limit && !options.Quick ? p95 <= limit : null);
        _table.Row($"{label}: p99 / max", $"{ResultTable.Ms(ResultTable.Quantile(ok, 0.99))} / {ResultTable.Ms(ok.DefaultIfEmpty(double.NaN).Max())}");
        _table.Row($"{label}: written back", $"{Int(ok.Count)} of {Int(sent)}");
    }

    /// <summary>Open loop: starts delivery i at i / rate seconds, whatever the earlier ones are doing.</summary>
    private static async Task<IReadOnlyList<double?>> DeliverAsync(int count, double perSecond, Func<int, Task<double?>> deliver, CancellationToken ct)
    {
        var results = new double?[count];
        var tasks = new List<Task>(count);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var due = TimeSpan.FromSeconds(i / perSecond);
            var wait = due - clock.Elapsed;
            if (wait > TimeSpan.FromMilliseconds(1))
            {
                await Task.Delay(wait, ct);
            }

            var index = i;
            tasks.Add(Task.Run(async () =>
            {
                try
                {
                    results[index] = await deliver(index);
                }
                catch (HttpRequestException)
                {
                    results[index] = null;
                }
                catch (TaskCanceledException) when (!ct.IsCancellationRequested)
                {
                    results[index] = null;
                }
            }, ct));
        }

        await Task.WhenAll(tasks);
        return results;
    }

    private static string Int(double value) => ResultTable.Int(value);
}
