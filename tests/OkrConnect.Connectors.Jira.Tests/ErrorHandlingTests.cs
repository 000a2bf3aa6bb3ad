using System.Diagnostics;
using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class ErrorHandlingTests : IDisposable
{
    private const string Search = "/rest/api/3/search/jql";
    private const string Options = """{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}""";
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    private void FirstThen(IRequestBuilder request, IResponseBuilder first, string thenFixture)
    {
        _jira.Server.Given(request).InScenario("flaky").WillSetStateTo("recovered").RespondWith(first);
        _jira.Server.Given(request).InScenario("flaky").WhenStateIs("recovered")
            .RespondWith(JiraSite.Json(200, Fixture.Text(thenFixture), []));
    }

    [Fact]
    public async Task A_429_waits_for_Retry_After_then_succeeds_and_reports_the_rate_limit_headers()
    {
        FirstThen(
            Request.Create().WithPath(Search).UsingPost(),
            JiraSite.Json(429, Fixture.Text("cloud/error.rate-limited.json"), [
                ("Retry-After", "1"),
                ("X-RateLimit-Limit", "350"),
                ("X-RateLimit-Remaining", "0"),
                ("X-RateLimit-Reset", "2026-11-03T14:06Z"),
                ("RateLimit-Reason", "jira-burst-based"),
            ]),
            "cloud/search-jql.page3.json");
        var clock = Stopwatch.StartNew();

        var result = await _jira.Connector.FetchAsync(_jira.Cloud(Options), new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);

        Assert.True(result.Targets[0].Complete);
        Assert.Equal(2, result.ApiCalls);
        Assert.True(clock.Elapsed >= TimeSpan.FromMilliseconds(900), $"retried after {clock.Elapsed}, before Retry-After");
        Assert.Equal("1", result.RateLimit["Retry-After"]);
        Assert.Equal("350", result.RateLimit["X-RateLimit-Limit"]);
        Assert.Equal("0", result.RateLimit["X-RateLimit-Remaining"]);
        Assert.Equal("jira-burst-based", result.RateLimit["RateLimit-Reason"]);
    }

    [Fact]
    public async Task A_Retry_After_longer_than_the_inline_limit_surfaces_as_rate_limited_with_the_delay()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/issue/OKR-1").UsingGet(), "cloud/error.rate-limited.json", 429, ("Retry-After", "120"));

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            _jira.Connector.DescribeTargetAsync(_jira.Cloud(Options), new TargetRef("jira-epic", "OKR-1"), default));

        Assert.Equal(TrackerErrorCategory.RateLimited, error.Category);
        Assert.Equal(TimeSpan.FromSeconds(120), error.RetryAfter);
        Assert.True(error.IsRetryable);
        Assert.Single(_jira.Requests("GET", "/rest/api/3/issue/OKR-1"));
    }

    [Fact]
    public async Task A_5xx_is_retried_and_recovers()
    {
        FirstThen(
            Request.Create().WithPath(Search).UsingPost(),
            Response.Create().WithStatusCode(503).WithBody("Service Unavailable"),
            "cloud/search-jql.page3.json");

        var result = await _jira.Connector.FetchAsync(_jira.Cloud(Options), new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);

        Assert.True(result.Targets[0].Complete);
        Assert.Equal("OKR-105", Assert.Single(result.Targets[0].Items).ExternalId);
        Assert.Equal(2, result.ApiCalls);
    }

    [Fact]
    public async Task Retries_stop_after_four_attempts()
    {
        _jira.Server.Given(Request.Create().WithPath(Search).UsingPost()).RespondWith(Response.Create().WithStatusCode(502));

        var result = await _jira.Connector.FetchAsync(_jira.Cloud(Options), new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);

        Assert.False(result.Targets[0].Complete);
        Assert.StartsWith("Jira failed on the issue search", result.Targets[0].Error, StringComparison.Ordinal);
        Assert.Equal(4, result.ApiCalls);
    }

    [Fact]
    public async Task Creating_a_comment_is_not_retried_after_a_5xx_so_it_is_never_posted_twice()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/issue/OKR-1/comment").UsingGet(), "cloud/comments.empty.json");
        _jira.Server.Given(Request.Create().WithPath("/rest/api/3/issue/OKR-1/comment").UsingPost()).RespondWith(Response.Create().WithStatusCode(500));

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            _jira.Connector.EnsureWriteBackAsync(_jira.Cloud(Options), Samples.Request(WriteBackMode.Comment, Samples.Content()), default));

        Assert.Equal(TrackerErrorCategory.Transient, error.Category);
        Assert.Single(_jira.Requests("POST", "/rest/api/3/issue/OKR-1/comment"));
    }

    [Fact]
    public async Task A_401_is_credentials_rejected_with_jiras_message()
    {
        _jira.Server.Given(Request.Create().WithPath("/rest/api/3/myself").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "text/plain").WithBody(Fixture.Text("cloud/unauthorized.txt")));

        var result = await _jira.Connector.TestConnectionAsync(_jira.Cloud(), default);

        Assert.False(result.Ok);
        Assert.Equal("credentials rejected: Client must be authenticated to access this resource.", result.Summary);
        Assert.DoesNotContain(JiraSite.ApiToken, result.Summary, StringComparison.Ordinal);
        Assert.Single(_jira.Requests("GET", "/rest/api/3/myself")); // 401 is not retried
    }

    [Fact]
    public async Task A_401_during_fetch_is_an_authentication_error()
    {
        _jira.Server.Given(Request.Create().WithPath("/rest/api/3/field").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(401).WithBody(Fixture.Text("cloud/unauthorized.txt")));

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            _jira.Connector.FetchAsync(_jira.Cloud(), new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default));

        Assert.Equal(TrackerErrorCategory.Authentication, error.Category);
        Assert.False(error.IsRetryable);
    }

    [Fact]
    public async Task A_body_that_is_not_the_documented_json_is_an_invalid_response()
    {
        _jira.Server.Given(Request.Create().WithPath("/rest/api/3/issue/OKR-1").UsingGet())
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "text/html").WithBody(Fixture.Text("cloud/maintenance.html")));

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            _jira.Connector.DescribeTargetAsync(_jira.Cloud(Options), new TargetRef("jira-epic", "OKR-1"), default));

        Assert.Equal(TrackerErrorCategory.InvalidResponse, error.Category);
        Assert.Contains("not the JSON its API documents", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_search_page_without_issues_is_an_invalid_response_for_that_target()
    {
        _jira.ReplyJson(Request.Create().WithPath(Search).UsingPost(), """{"values":[],"isLast":true}""");

        var result = await _jira.Connector.FetchAsync(_jira.Cloud(Options), new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);

        Assert.False(result.Targets[0].Complete);
        Assert.Contains("not the JSON its API documents", result.Targets[0].Error, StringComparison.Ordinal);
    }
}
