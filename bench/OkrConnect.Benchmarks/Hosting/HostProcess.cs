using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace OkrConnect.Benchmarks.Hosting;

/// <summary>
/// The real OkrConnect host, run as its own process (<c>dotnet OkrConnect.Host.dll</c>) on a loopback port, so its
/// memory can be read from /proc. Its console goes to host.log in its data directory.
/// </summary>
public sealed class HostProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StreamWriter _log;
    private readonly CancellationTokenSource _stopSampling = new();
    private readonly Task _sampler;
    private readonly List<(DateTimeOffset At, long RssKb)> _samples = [];
    private readonly Lock _gate = new();

    private HostProcess(string name, Process process, StreamWriter log, string url, string logPath)
    {
        Name = name;
        _process = process;
        _log = log;
        Url = url;
        LogPath = logPath;
        _sampler = SampleAsync(_stopSampling.Token);
    }

    public string Name { get; }

    public string Url { get; }

    public string LogPath { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>Finds the host built beside this bench (same configuration first), or the one named.</summary>
    public static string FindHostDll(string? explicitPath)
    {
        if (explicitPath is not null)
        {
            return File.Exists(explicitPath) ? Path.GetFullPath(explicitPath) : throw new FileNotFoundException("--host-dll not found", explicitPath);
        }

        var root = RepositoryRoot();
        var configuration = AppContext.BaseDirectory.Contains($"{Path.DirectorySeparatorChar}Debug{Path.DirectorySeparatorChar}", StringComparison.Ordinal) ? "Debug" : "Release";
        foreach (var candidate in new[] { configuration, configuration == "Release" ? "Debug" : "Release" })
        {
            var path = Path.Combine(root, "src", "OkrConnect.Host", "bin", candidate, "net10.0", "OkrConnect.Host.dll");
            if (File.Exists(path))
            {
                return path;
            }
        }

        throw new FileNotFoundException("OkrConnect.Host.dll not found; build it first: dotnet build -c Release src/OkrConnect.Host");
    }

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OkrConnect.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("OkrConnect.sln not found above " + AppContext.BaseDirectory);
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public static async Task<HostProcess> StartAsync(string name, string hostDll, string dataDirectory, IReadOnlyDictionary<string, string> settings, CancellationToken ct)
    {
        var port = FreePort();
        var url = $"http://127.0.0.1:{port}";
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Path.GetDirectoryName(hostDll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(hostDll);
        start.Environment["ASPNETCORE_URLS"] = url;
        start.Environment["DOTNET_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        foreach (var (key, value) in settings)
        {
            start.Environment[key.Replace(":", "__", StringComparison.Ordinal)] = value;
        }

        Directory.CreateDirectory(dataDirectory);
        var logPath = Path.Combine(dataDirectory, $"{name}.log");
        var log = new StreamWriter(logPath) { AutoFlush = true };
        var process = Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
        process.OutputDataReceived += (_, e) => Write(log, e.Data);
        process.ErrorDataReceived += (_, e) => Write(log, e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var host = new HostProcess(name, process, log, url, logPath);
        await host.WaitReadyAsync(ct);
        return host;
    }

    /// <summary>Resident memory now, in MB (VmRSS).</summary>
    public double RssMb() => ReadStatusKb("VmRSS") / 1024.0;

    /// <summary>The most resident memory the process ever had, in MB (VmHWM).</summary>
    public double PeakRssMb() => ReadStatusKb("VmHWM") / 1024.0;

    /// <summary>The RSS samples (every 200 ms) taken between two moments, in MB.</summary>
    public IReadOnlyList<double> RssBetween(DateTimeOffset from, DateTimeOffset to)
    {
        lock (_gate)
        {
            return _samples.Where(s => s.At >= from && s.At <= to).Select(s => s.RssKb / 1024.0).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopSampling.CancelAsync();
        try
        {
            await _sampler;
        }
        catch (OperationCanceledException)
        {
        }

        if (!_process.HasExited)
        {
            // SIGTERM first: the host stops Hangfire and releases its leases like in production.
            using (var term = Process.Start("kill", ["-TERM", _process.Id.ToString(CultureInfo.InvariantCulture)]))
            {
                await term.WaitForExitAsync();
            }

            using var wait = new CancellationTokenSource(TimeSpan.FromSeconds(20));
            try
            {
                await _process.WaitForExitAsync(wait.Token);
            }
            catch (OperationCanceledException)
            {
                _process.Kill(entireProcessTree: true);
                await _process.WaitForExitAsync();
            }
        }

        _process.Dispose();
        await _log.DisposeAsync();
        _stopSampling.Dispose();
    }

    private async Task WaitReadyAsync(CancellationToken ct)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTimeOffset.UtcNow.AddMinutes(3);
        while (DateTimeOffset.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException($"{Name} exited with code {_process.ExitCode} while starting; see {LogPath}");
            }

            try
            {
                using var response = await http.GetAsync($"{Url}/readyz", ct);
                if (response.IsSuccessStatusCode)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            await Task.Delay(250, ct);
        }

        throw new TimeoutException($"{Name} did not become ready in 3 minutes; see {LogPath}");
    }

    private async Task SampleAsync(CancellationToken ct)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMilliseconds(200));
        while (await timer.WaitForNextTickAsync(ct))
        {
            var rss = ReadStatusKb("VmRSS");
            if (rss > 0)
            {
                lock (_gate)
                {
                    _samples.Add((DateTimeOffset.UtcNow, rss));
                }
            }
        }
    }

    private long ReadStatusKb(string field)
    {
        try
        {
            foreach (var line in File.ReadLines($"/proc/{_process.Id}/status"))
            {
                if (line.StartsWith(field + ":", StringComparison.Ordinal))
                {
                    var number = line[(field.Length + 1)..].Trim().Split(' ')[0];
                    return long.Parse(number, CultureInfo.InvariantCulture);
                }
            }
        }
        catch (IOException)
        {
        }

        return 0;
    }

    private static void Write(StreamWriter log, string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (log)
        {
            log.WriteLine(line);
        }
    }
}
