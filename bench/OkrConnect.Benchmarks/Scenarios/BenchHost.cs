using OkrConnect.Benchmarks.Hosting;

namespace OkrConnect.Benchmarks.Scenarios;

/// <summary>How the benchmark configures the hosts it starts: production defaults except where a phase needs control.</summary>
public static class BenchHost
{
    public const string AdminSubject = "admin";

    public static Dictionary<string, string> Settings(string dataDirectory, string bootstrapSecret, string? postgres, IReadOnlyDictionary<string, string>? extra = null)
    {
        var settings = new Dictionary<string, string>
        {
            ["Storage:Provider"] = postgres is null ? "sqlite" : "postgres",
            ["Storage:DataDirectory"] = dataDirectory,
            ["Auth:BootstrapSecret"] = bootstrapSecret,
            // A queued sync starts within a second instead of within 15 s (the default poll), so a phase times the sync, not the poll.
            ["Jobs:PollInterval"] = "00:00:01",
            // Recurring jobs appear 5 s after their connector instead of 60 s; the benchmark triggers them itself.
            ["Sync:ScheduleRefreshSeconds"] = "5",
            // No nightly reconcile in the middle of a phase.
            ["Sync:ReconcileCron"] = "0 3 1 1 *",
        };
        if (postgres is not null)
        {
            settings["Storage:ConnectionString"] = postgres;
        }

        foreach (var (key, value) in extra ?? new Dictionary<string, string>())
        {
            settings[key] = value;
        }

        return settings;
    }

    public static string NewTempDirectory(string purpose)
    {
        var path = Path.Combine(Path.GetTempPath(), "okrconnect-bench", $"{purpose}-{DateTime.UtcNow:yyyyMMdd-HHmmss}-{Environment.ProcessId}");
        Directory.CreateDirectory(path);
        return path;
    }

    public static void TryDelete(string path)
    {
        try
        {
            Directory.Delete(path, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    /// <summary>Load average of the machine (1, 5, 15 minutes) from /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            var parts = File.ReadAllText("/proc/loadavg").Split(' ');
            return $"{parts[0]} / {parts[1]} / {parts[2]}";
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    public static double LoadAverageOneMinute()
    {
        try
        {
            return double.Parse(File.ReadAllText("/proc/loadavg").Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (IOException)
        {
            return double.NaN;
        }
    }

    /// <summary>Polls the newest runs until one not in <paramref name="known"/> with the trigger has finished.</summary>
    public static async Task<SyncRunInfo> WaitForRunAsync(
        OkrConnectClient client, Guid connectorId, IReadOnlySet<Guid> known, string trigger, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var page = await client.GetAsync($"/api/connectors/{connectorId}/sync-runs?limit=20", ct);
            var fresh = page["items"]!.AsArray().Select(r => SyncRunInfo.From(r!))
                .Where(r => !known.Contains(r.Id) && r.Trigger == trigger)
                .OrderBy(r => r.StartedAt)
                .ToList();
            if (fresh.Count > 0 && fresh.All(r => r.Status != "running"))
            {
                return fresh[^1];
            }

            await Task.Delay(200, ct);
        }

        throw new TimeoutException($"no finished {trigger} run of connector {connectorId} within {timeout}");
    }

    public static async Task<HashSet<Guid>> KnownRunsAsync(OkrConnectClient client, Guid connectorId, CancellationToken ct)
    {
        var page = await client.GetAsync($"/api/connectors/{connectorId}/sync-runs?limit=50", ct);
        return page["items"]!.AsArray().Select(r => SyncRunInfo.From(r!).Id).ToHashSet();
    }

    /// <summary>Waits until the connector has had no new or running run for <paramref name="quiet"/> (webhooks drained).</summary>
    public static async Task WaitQuietAsync(OkrConnectClient client, Guid connectorId, TimeSpan quiet, TimeSpan timeout, CancellationToken ct)
    {
        var deadline = DateTimeOffset.UtcNow + timeout;
        Guid? newest = null;
        var since = DateTimeOffset.UtcNow;
        while (DateTimeOffset.UtcNow < deadline)
        {
            var page = await client.GetAsync($"/api/connectors/{connectorId}/sync-runs?limit=5", ct);
            var runs = page["items"]!.AsArray().Select(r => SyncRunInfo.From(r!)).ToList();
            var top = runs.FirstOrDefault()?.Id;
            if (top != newest || runs.Any(r => r.Status == "running"))
            {
                newest = top;
                since = DateTimeOffset.UtcNow;
            }
            else if (DateTimeOffset.UtcNow - since >= quiet)
            {
                return;
            }

            await Task.Delay(250, ct);
        }
    }
}
