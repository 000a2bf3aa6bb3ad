using System.Globalization;
using System.Net;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>
/// Jira Cloud's <c>X-RateLimit-*</c> headers (https://developer.atlassian.com/cloud/jira/platform/rate-limiting/) are
/// recorded in the sync run: the latest value of each, as the run's API shows them.
/// </summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task The_sync_run_records_the_latest_rate_limit_headers_of_the_search()
    {
        using var jira = new FakeJira { PageSize = 2 };
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        jira.SearchHeaders = (page, isLast) => RateLimitHeaders(limit: 350, remaining: 350 - page, reset: $"2030-01-01T00:0{page}:00Z", nearLimit: isLast);

        var synced = await s.SyncAsync();

        Assert.Equal("succeeded", synced.Status);
        Assert.Equal(4, synced.ItemsFetched);
        Assert.Equal(2, jira.Count("POST", "^" + FakeJira.SearchPath + "$"));
        var run = Assert.Single(await RunsAsync(s));
        Assert.Equal(synced.Id, run.Id);
        var rateLimit = CaseInsensitive(run.RateLimit);
        Assert.Equal("350", rateLimit.GetValueOrDefault("X-RateLimit-Limit"));
        Assert.Equal("348", rateLimit.GetValueOrDefault("X-RateLimit-Remaining"));
        Assert.Equal("2030-01-01T00:02:00Z", rateLimit.GetValueOrDefault("X-RateLimit-Reset"));
        Assert.Equal("true", rateLimit.GetValueOrDefault("X-RateLimit-NearLimit"));
        Assert.False(rateLimit.ContainsKey("Retry-After"));
    }

    [Fact]
    public async Task Each_run_keeps_its_own_rate_limit_headers()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        jira.SearchHeaders = (_, _) => RateLimitHeaders(limit: 350, remaining: 300, reset: "2030-01-01T00:00:00Z", nearLimit: false);
        var first = await s.SyncAsync();
        jira.SearchHeaders = (_, _) => RateLimitHeaders(limit: 350, remaining: 40, reset: "2030-01-01T00:15:00Z", nearLimit: true);
        var second = await s.SyncAsync();

        var runs = await RunsAsync(s);

        Assert.Equal([second.Id, first.Id], runs.Select(r => r.Id));
        var latest = CaseInsensitive(runs[0].RateLimit);
        Assert.Equal("40", latest.GetValueOrDefault("X-RateLimit-Remaining"));
        Assert.Equal("2030-01-01T00:15:00Z", latest.GetValueOrDefault("X-RateLimit-Reset"));
        Assert.Equal("true", latest.GetValueOrDefault("X-RateLimit-NearLimit"));
        var earlier = CaseInsensitive(runs[1].RateLimit);
        Assert.Equal("300", earlier.GetValueOrDefault("X-RateLimit-Remaining"));
        Assert.Equal("2030-01-01T00:00:00Z", earlier.GetValueOrDefault("X-RateLimit-Reset"));
        Assert.False(earlier.ContainsKey("X-RateLimit-NearLimit"));
    }

    // Jira sends X-RateLimit-NearLimit only when little of the budget is left.
    private static List<(string Name, string Value)> RateLimitHeaders(int limit, int remaining, string reset, bool nearLimit)
    {
        List<(string Name, string Value)> headers =
        [
            ("X-RateLimit-Limit", limit.ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Remaining", remaining.ToString(CultureInfo.InvariantCulture)),
            ("X-RateLimit-Reset", reset),
        ];
        if (nearLimit)
        {
            headers.Add(("X-RateLimit-NearLimit", "true"));
        }

        return headers;
    }

    // HTTP header names are case-insensitive; the run keeps them as Jira spelled them.
    private static Dictionary<string, string> CaseInsensitive(IReadOnlyDictionary<string, string> headers) =>
        new(headers, StringComparer.OrdinalIgnoreCase);

    private static async Task<IReadOnlyList<SyncRunView>> RunsAsync(Scenario s)
    {
        var response = await s.Manager.GetAsync($"/api/connectors/{s.ConnectorId}/sync-runs?limit=10");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (await SyncHost.ReadAsync<PageView<SyncRunView>>(response)).Items;
    }
}
