using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace OkrConnect.Benchmarks.Simulator;

/// <summary>
/// One small Kestrel app on loopback playing Jira Cloud under <c>/jira/{site}/</c> and GitHub under <c>/github/{site}/</c>,
/// with an added latency per call. Sites are created on first use; each keeps its own comments and counts.
/// </summary>
public sealed class TrackerSimulator : IAsyncDisposable
{
    private readonly ConcurrentDictionary<string, SimulatedSite> _sites = new(StringComparer.Ordinal);
    private readonly WebApplication _app;
    private readonly TimeSpan _latency;

    private TrackerSimulator(WebApplication app, SimulatedWork work, JiraCloudSimulator jira, GitHubSimulator? gitHub, TimeSpan latency)
    {
        _app = app;
        Work = work;
        Jira = jira;
        GitHub = gitHub;
        _latency = latency;
    }

    public SimulatedWork Work { get; }

    public JiraCloudSimulator Jira { get; }

    /// <summary>Null when the GitHub fixtures are not beside the bench.</summary>
    public GitHubSimulator? GitHub { get; }

    public string BaseUrl { get; private set; } = "";

    public string JiraUrl(string site) => $"{BaseUrl}/jira/{site}";

    public string GitHubUrl(string site) => $"{BaseUrl}/github/{site}";

    public SimulatedSite JiraSite(string site) => Site("jira", site);

    public SimulatedSite GitHubSite(string site) => Site("github", site);

    public static async Task<TrackerSimulator> StartAsync(SimulatedWork work, BenchOptions options)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
            kestrel.AddServerHeader = false;
        });
        var app = builder.Build();

        var jira = new JiraCloudSimulator(work, options.JiraPageCap);
        GitHubSimulator? gitHub = null;
        if (Fixtures.Exists("github/paginate-issues.raw-fixture.json"))
        {
            gitHub = new GitHubSimulator(work, rateLimit: 5000);
        }

        var simulator = new TrackerSimulator(app, work, jira, gitHub, TimeSpan.FromMilliseconds(options.LatencyMs));
        app.Map("/jira/{site}/{**path}", (HttpContext http, string site, string? path) => simulator.ServeAsync(http, "jira", site, path ?? ""));
        app.Map("/github/{site}/{**path}", (HttpContext http, string site, string? path) => simulator.ServeAsync(http, "github", site, path ?? ""));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        simulator.BaseUrl = address.TrimEnd('/');
        return simulator;
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }

    private SimulatedSite Site(string kind, string name) => _sites.GetOrAdd($"{kind}/{name}", _ => new SimulatedSite(kind, name));

    private async Task ServeAsync(HttpContext http, string kind, string site, string path)
    {
        SimulatedSite.Arrival.Value = DateTimeOffset.UtcNow;
        if (_latency > TimeSpan.Zero)
        {
            await Task.Delay(_latency, http.RequestAborted);
        }

        var tenant = Site(kind, site);
        var baseUrl = $"{BaseUrl}/{kind}/{site}";
        if (kind == "jira")
        {
            await Jira.HandleAsync(http, tenant, baseUrl, path);
        }
        else if (GitHub is not null)
        {
            await GitHub.HandleAsync(http, tenant, baseUrl, path);
        }
        else
        {
            http.Response.StatusCode = 503;
        }
    }
}
