using System.Globalization;

namespace OkrConnect.Benchmarks;

/// <summary>What the reader asked for on the command line; every option has a default that reproduces the README table.</summary>
public sealed record BenchOptions
{
    public int Epics { get; init; } = 1000;

    public int Issues { get; init; } = 100;

    /// <summary>Added to every simulated tracker call, before it is answered.</summary>
    public int LatencyMs { get; init; } = 20;

    /// <summary>The most issues one Jira Cloud enhanced-search page returns when fields are asked for.</summary>
    public int JiraPageCap { get; init; } = 100;

    /// <summary>GitHub links that write a sticky comment; the rest write nothing (GitHub paces comment creation ≥ 1 s apart).</summary>
    public int GitHubCommentLinks { get; init; } = 20;

    public double ChangedShare { get; init; } = 0.01;

    public int WebhookDeliveries { get; init; } = 1000;

    public double WebhookRate { get; init; } = 4;

    public int GitHubWebhookDeliveries { get; init; } = 30;

    public int AckRate { get; init; } = 200;

    public int AckSeconds { get; init; } = 10;

    public bool Quick { get; init; }

    public bool ScaleOut { get; init; }

    public bool Limits { get; init; }

    public bool SkipGitHub { get; init; }

    public bool Keep { get; init; }

    /// <summary>Connectors the scale-out run spreads its key results over (so Hangfire has jobs to spread).</summary>
    public int Connectors { get; init; } = 4;

    public int Rounds { get; init; } = 5;

    public string? HostDll { get; init; }

    /// <summary>Extra environment for the host process (experiments, e.g. DOTNET_gcServer=0); printed with the table.</summary>
    public IReadOnlyDictionary<string, string> HostEnvironment { get; init; } = new Dictionary<string, string>();

    public static string Usage => """
        OkrConnect benchmark: starts the real host on loopback (embedded SQLite in a temp dir) against simulated
        Jira Cloud and GitHub servers, seeds work through the public API and prints a table.

          dotnet run -c Release --project bench/OkrConnect.Benchmarks -- [options]

          --epics N              epics (Jira) and parent issues (GitHub), one key result each   (1000)
          --issues M             issues per epic / sub-issues per parent                       (100)
          --latency-ms L         added latency per simulated tracker call                      (20)
          --jira-page-cap P      largest Jira search page the simulator returns                (100)
          --github-comment-links W  GitHub links with comment write-back (others: none)        (20)
          --changed-share F      share of issues changed for the incremental phase             (0.01)
          --webhooks D           Jira webhook deliveries timed to write-back                   (1000)
          --webhook-rate R       deliveries per second (open loop)                             (4)
          --github-webhooks D    GitHub deliveries timed to write-back (paced ≥ 1 s apart)     (30)
          --ack-rate R --ack-seconds S   webhook acknowledgement load                          (200, 10)
          --skip-github          Jira only
          --quick                CI: 20 × 20, 2 ms latency, short phases; exits 1 when a call-ratio or
                                 zero-write target fails (never on absolute times)
          --scale-out            two hosts on one PostgreSQL (OKRCONNECT_BENCH_POSTGRES or
                                 OKRCONNECT_TEST_POSTGRES); checks no overlapping runs, no duplicate comments
          --connectors K --rounds R   scale-out: connectors and trigger rounds                 (4, 5)
          --limits               the embedded default's limits: webhook acknowledgement as the rate rises,
                                 SQLite vs PostgreSQL (when a connection string is set)
          --host-env KEY=VALUE   extra environment for the host process (repeatable), e.g. DOTNET_gcServer=0
          --host-dll PATH        the OkrConnect.Host.dll to run (default: the one built beside this bench)
          --keep                 keep the temp data directory
        """;

    private static Dictionary<string, string> WithEntry(IReadOnlyDictionary<string, string> existing, string entry)
    {
        var equals = entry.IndexOf('=', StringComparison.Ordinal);
        if (equals <= 0)
        {
            throw new ArgumentException($"--host-env needs KEY=VALUE, got \"{entry}\"");
        }

        return new Dictionary<string, string>(existing) { [entry[..equals]] = entry[(equals + 1)..] };
    }

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        var quickDefaults = args.Contains("--quick");
        if (quickDefaults)
        {
            options = options with
            {
                Quick = true,
                Epics = 20,
                Issues = 20,
                LatencyMs = 2,
                GitHubCommentLinks = 5,
                ChangedShare = 0.05,
                WebhookDeliveries = 20,
                WebhookRate = 10,
                GitHubWebhookDeliveries = 3,
                AckRate = 100,
                AckSeconds = 2,
                Connectors = 2,
                Rounds = 3,
            };
        }

        for (var i = 0; i < args.Length; i++)
        {
            string Next() => i + 1 < args.Length ? args[++i] : throw new ArgumentException($"{args[i]} needs a value");
            int Int() => int.Parse(Next(), CultureInfo.InvariantCulture);
            double Double() => double.Parse(Next(), CultureInfo.InvariantCulture);
            options = args[i] switch
            {
                "--epics" => options with { Epics = Int() },
                "--issues" => options with { Issues = Int() },
                "--latency-ms" => options with { LatencyMs = Int() },
                "--jira-page-cap" => options with { JiraPageCap = Int() },
                "--github-comment-links" => options with { GitHubCommentLinks = Int() },
                "--changed-share" => options with { ChangedShare = Double() },
                "--webhooks" => options with { WebhookDeliveries = Int() },
                "--webhook-rate" => options with { WebhookRate = Double() },
                "--github-webhooks" => options with { GitHubWebhookDeliveries = Int() },
                "--ack-rate" => options with { AckRate = Int() },
                "--ack-seconds" => options with { AckSeconds = Int() },
                "--connectors" => options with { Connectors = Int() },
                "--rounds" => options with { Rounds = Int() },
                "--host-dll" => options with { HostDll = Next() },
                "--host-env" => options with { HostEnvironment = WithEntry(options.HostEnvironment, Next()) },
                "--quick" => options,
                "--scale-out" => options with { ScaleOut = true },
                "--limits" => options with { Limits = true },
                "--skip-github" => options with { SkipGitHub = true },
                "--keep" => options with { Keep = true },
                _ => throw new ArgumentException($"unknown option {args[i]}"),
            };
        }

        if ((options.ScaleOut || options.Limits) && !options.Quick && !args.Contains("--epics") && !args.Contains("--issues"))
        {
            // Scale-out and limits measure coordination and throughput, not size: a smaller default keeps them to minutes.
            options = options with { Epics = 200, Issues = 20 };
        }

        if (options.Epics < 1 || options.Issues < 1 || options.JiraPageCap < 1 || options.LatencyMs < 0)
        {
            throw new ArgumentException("--epics, --issues and --jira-page-cap must be positive, --latency-ms not negative");
        }

        return options with { GitHubCommentLinks = Math.Clamp(options.GitHubCommentLinks, 0, options.Epics) };
    }
}
