using System.Globalization;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class RateLimitTests : IDisposable
{
    private const string Page1 = "/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100";
    private const string Page2 = "/repositories/1/issues/42/sub_issues?per_page=100&page=2";
    private static readonly TargetRef Parent = new(GitHubTargetKinds.Issue, "octo-org/roadmap#42");

    private readonly ConnectorHarness _harness = new();

    private GitHubApiServer Server => _harness.Server;

    private DateTimeOffset Now => _harness.Time.GetUtcNow();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Below_the_reserve_the_next_request_waits_for_the_reset_instead_of_running_dry()
    {
        var reset = ConnectorHarness.Start.AddMinutes(2);
        Server.Json("GET", Page1, new JsonArray(Fixture.Issue(1)), headers: new Dictionary<string, string>
        {
            ["Link"] = $"<{Server.Url}{Page2}>; rel=\"next\"",
            ["x-ratelimit-limit"] = "5000",
            ["x-ratelimit-remaining"] = "10",
            ["x-ratelimit-used"] = "4990",
            ["x-ratelimit-reset"] = Epoch(reset),
            ["x-ratelimit-resource"] = "core",
        });
        Server.Json("GET", Page2, new JsonArray(Fixture.Issue(2)), headers: RateLimitHeaders(remaining: 4999, reset.AddHours(1)));

        var fetch = FetchAsync("""{"rateLimitReserve":50}""");
        var result = await _harness.AdvanceUntilDoneAsync(fetch, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), whileWaiting: () =>
        {
            if (Now <= reset)
            {
                Assert.Single(Server.Requests);
            }
        });

        Assert.True(result.Targets[0].Complete, result.Targets[0].Error);
        Assert.Equal(2, result.Targets[0].Items.Count);
        Assert.True(Now > reset);
        Assert.Equal("4999", result.RateLimit["remaining"]);
    }

    [Fact]
    public async Task A_reset_further_away_than_the_longest_wait_fails_the_fetch_as_rate_limited()
    {
        Server.Json("GET", Page1, new JsonArray(Fixture.Issue(1)), headers: new Dictionary<string, string>(RateLimitHeaders(remaining: 3, ConnectorHarness.Start.AddHours(1)))
        {
            ["Link"] = $"<{Server.Url}{Page2}>; rel=\"next\"",
        });

        var result = await FetchAsync("""{"maxRateLimitWaitSeconds":60}""");

        Assert.False(result.Targets[0].Complete);
        Assert.Single(result.Targets[0].Items);
        Assert.StartsWith("RateLimited", result.Targets[0].Error, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_secondary_limit_403_with_retry_after_is_waited_out_and_the_request_sent_again()
    {
        Server.Sequence("GET", Page1,
            () => Response.Create().WithStatusCode(403).WithHeader("Content-Type", "application/json").WithHeader("retry-after", "30")
                .WithBody("""{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}"""),
            () => Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(new JsonArray(Fixture.Issue(1)).ToJsonString()));

        var result = await _harness.AdvanceUntilDoneAsync(FetchAsync(), TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), whileWaiting: () =>
        {
            if (Now < ConnectorHarness.Start.AddSeconds(30))
            {
                Assert.Single(Server.Requests);
            }
        });

        Assert.True(result.Targets[0].Complete, result.Targets[0].Error);
        Assert.Equal(2, result.ApiCalls);
        Assert.True(Now >= ConnectorHarness.Start.AddSeconds(30));
    }

    [Fact]
    public async Task A_429_with_the_budget_spent_waits_for_the_reset()
    {
        var reset = ConnectorHarness.Start.AddSeconds(90);
        Server.Sequence("GET", Page1,
            () => Response.Create().WithStatusCode(429).WithHeader("Content-Type", "application/json")
                .WithHeader("x-ratelimit-limit", "5000").WithHeader("x-ratelimit-remaining", "0").WithHeader("x-ratelimit-reset", Epoch(reset))
                .WithBody("""{"message":"API rate limit exceeded"}"""),
            () => Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(new JsonArray(Fixture.Issue(1)).ToJsonString()));

        var result = await _harness.AdvanceUntilDoneAsync(FetchAsync(), TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

        Assert.True(result.Targets[0].Complete, result.Targets[0].Error);
        Assert.True(Now > reset);
    }

    [Fact]
    public async Task A_wait_longer_than_allowed_is_not_made_and_fails_as_rate_limited_with_the_retry_after()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42", """{"message":"You have exceeded a secondary rate limit."}""", status: 403,
            headers: new Dictionary<string, string> { ["retry-after"] = "7200" });

        var failure = await Assert.ThrowsAsync<TrackerException>(() =>
            _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None));

        Assert.Equal(TrackerErrorCategory.RateLimited, failure.Category);
        Assert.Equal(TimeSpan.FromHours(2), failure.RetryAfter);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_403_that_is_not_a_rate_limit_is_a_permission_problem_and_is_not_retried()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42", """{"message":"Resource not accessible by personal access token"}""", status: 403,
            headers: RateLimitHeaders(remaining: 4000, ConnectorHarness.Start.AddHours(1)));

        var failure = await Assert.ThrowsAsync<TrackerException>(() =>
            _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None));

        Assert.Equal(TrackerErrorCategory.Authentication, failure.Category);
        Assert.Contains("Resource not accessible", failure.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    private Task<FetchResult> FetchAsync(string options = "{}") =>
        _harness.Connector.FetchAsync(_harness.Settings(options), new FetchRequest([Parent], null), CancellationToken.None);

    private static Dictionary<string, string> RateLimitHeaders(int remaining, DateTimeOffset reset) => new()
    {
        ["x-ratelimit-limit"] = "5000",
        ["x-ratelimit-remaining"] = remaining.ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-used"] = (5000 - remaining).ToString(CultureInfo.InvariantCulture),
        ["x-ratelimit-reset"] = Epoch(reset),
        ["x-ratelimit-resource"] = "core",
    };

    private static string Epoch(DateTimeOffset time) => time.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
}
