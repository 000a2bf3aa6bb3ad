using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.Matchers;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

/// <summary>
/// The calls made through Octokit 14 (connection test, target descriptions, installation tokens) run on the
/// connector's own HTTP pipeline: its rate-limit handler waits out refusals and keeps the reserve, its resilience
/// handler retries, its observer counts and feeds the token's budget, and failures are classified like the
/// HttpClient path's. WireMock plays GitHub, with Octokit pointed at it.
/// </summary>
public sealed class OctokitPathTests : IDisposable
{
    private const string SecondaryLimitBody =
        """{"message":"You have exceeded a secondary rate limit. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits"}""";

    private static readonly TargetRef Parent = new(GitHubTargetKinds.Issue, "octo-org/roadmap#42");

    private readonly ConnectorHarness _harness = new();
    private readonly RSA _key = RSA.Create(2048);

    private GitHubApiServer Server => _harness.Server;

    private DateTimeOffset Now => _harness.Time.GetUtcNow();

    public void Dispose()
    {
        _harness.Dispose();
        _key.Dispose();
    }

    // --- Connection test (GET /user, GET /app, GET /app/installations, GET /rate_limit) ---

    [Fact]
    public async Task Octokit_requests_carry_the_token_the_api_version_and_the_connectors_user_agent()
    {
        Server.Json("GET", "/user", User("okr-bot"));
        Server.Json("GET", "/rate_limit", RateLimitBody(4999));

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.True(result.Ok, result.Summary);
        Assert.Equal(["GET /user", "GET /rate_limit"], Server.RequestedUrls);
        Assert.All(Server.Requests, request =>
        {
            Assert.Equal("Bearer ghp_test_token", request.RequestMessage.Headers!["Authorization"].Single());
            Assert.Equal("2022-11-28", request.RequestMessage.Headers!["X-GitHub-Api-Version"].Single());
            Assert.Equal("OkrConnect-GitHub", request.RequestMessage.Headers!["User-Agent"].Single());
        });
    }

    [Fact]
    public async Task A_secondary_limit_on_GET_user_is_waited_out_by_the_connectors_handler_and_the_request_sent_again()
    {
        Server.Sequence("GET", "/user",
            () => Refusal(403, SecondaryLimitBody, ("retry-after", "30")),
            () => JsonResponse(200, User("okr-bot").ToJsonString()));
        Server.Json("GET", "/rate_limit", RateLimitBody(4321));

        var test = _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);
        var result = await _harness.AdvanceUntilDoneAsync(test, TimeSpan.FromSeconds(5), TimeSpan.FromMinutes(2), whileWaiting: () =>
        {
            if (Now < ConnectorHarness.Start.AddSeconds(30))
            {
                Assert.Single(Server.Requests);
            }
        });

        Assert.True(result.Ok, result.Summary);
        Assert.Contains("okr-bot", result.Summary, StringComparison.Ordinal);
        Assert.Equal(2, Server.RequestsTo("GET", "/user").Count);
        Assert.True(Now >= ConnectorHarness.Start.AddSeconds(30));
    }

    [Fact]
    public async Task A_secondary_limit_on_GET_user_longer_than_allowed_is_reported_as_rate_limited_without_waiting()
    {
        Server.Status("GET", "/user", 403, new Dictionary<string, string> { ["Content-Type"] = "application/json", ["retry-after"] = "7200" }, SecondaryLimitBody);

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.StartsWith("RateLimited: ", result.Summary, StringComparison.Ordinal);
        Assert.Contains("secondary rate limit", result.Summary, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
        Assert.Equal(ConnectorHarness.Start, Now);
    }

    [Fact]
    public async Task A_401_on_GET_user_is_credentials_rejected_and_not_retried()
    {
        Server.Json("GET", "/user", """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""", status: 401);

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.StartsWith("Authentication: GitHub answered GET /user with 401: credentials rejected (Bad credentials)", result.Summary, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task The_budget_an_octokit_answer_reports_holds_back_the_next_httpclient_call_on_the_same_token()
    {
        var reset = ConnectorHarness.Start.AddMinutes(2);
        Server.Json("GET", "/user", User("okr-bot"), headers: RateLimitHeaders(remaining: 10, reset));
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray());
        Server.Json("POST", "/repos/octo-org/roadmap/issues/42/comments", WriteBackTests.Comment(1001, "body", "okr-bot"), status: 201);

        var write = _harness.Connector.EnsureWriteBackAsync(
            _harness.Settings("""{"rateLimitReserve":50}"""),
            new WriteBackRequest(Parent, WriteBackMode.Comment, Guid.NewGuid(), Content.Progress(0.5), null),
            CancellationToken.None);
        var result = await _harness.AdvanceUntilDoneAsync(write, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5), whileWaiting: () =>
        {
            if (Now <= reset)
            {
                Assert.Equal(["GET /user"], Server.RequestedUrls);
            }
        });

        Assert.True(result.Written);
        Assert.Equal(3, result.ApiCalls);
        Assert.True(Now > reset);
    }

    [Fact]
    public async Task Cancelling_the_caller_cancels_an_octokit_call_that_takes_no_token_while_it_waits_out_a_limit()
    {
        // Issue.Get has no CancellationToken parameter: the caller's token reaches the wait through OctokitCallHandler.
        Server.Status("GET", "/repos/octo-org/roadmap/issues/42", 403,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", ["retry-after"] = "60" }, SecondaryLimitBody);
        using var cancel = new CancellationTokenSource();

        var test = _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, cancel.Token);

        // Cancel once the connector is in its rate-limit wait. WireMock logs a request before it writes the answer, so
        // waiting for the request count let the cancel land while the 403 was still on its way, on a loaded machine.
        Assert.False(await _harness.Time.CompletedOrWaitingAsync(test, TimeSpan.FromSeconds(30)), "the describe ended without waiting");
        Assert.Single(Server.Requests);
        await cancel.CancelAsync();

        // Promptly: not when Octokit's own 100 s request timeout would have fired.
        Assert.Same(test, await Task.WhenAny(test, Task.Delay(TimeSpan.FromSeconds(10))));
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => test);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task An_app_lists_its_installations_through_octokit_but_a_next_link_off_the_api_origin_is_not_followed()
    {
        Server.Json("GET", "/app", App());
        Server.Json("GET", "/app/installations?per_page=100", new JsonArray(Installation(456, "octo-org")), headers: new Dictionary<string, string>
        {
            ["Link"] = "<https://elsewhere.example.com/app/installations?per_page=100&page=2>; rel=\"next\"",
        });

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings("""{"auth":"app","appId":123}""", credentials: Pem()), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.StartsWith("InvalidResponse: ", result.Summary, StringComparison.Ordinal);
        Assert.Contains("elsewhere.example.com", result.Summary, StringComparison.Ordinal);
        Assert.Equal(["GET /app", "GET /app/installations?per_page=100"], Server.RequestedUrls);
    }

    [Fact]
    public async Task An_app_without_an_installation_id_reports_its_installations_and_uses_the_first()
    {
        Server.Json("GET", "/app", App());
        Server.Json("GET", "/app/installations?per_page=100", new JsonArray(Installation(456, "octo-org"), Installation(457, "octo-lab")));
        Server.Mock.Given(GitHubApiServer.Request("POST", "/app/installations/456/access_tokens"))
            .RespondWith(AppAuthTests.TokenResponse("ghs_x", ConnectorHarness.Start.AddHours(1)));
        Server.Json("GET", "/rate_limit", RateLimitBody(4999));

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings("""{"auth":"app","appId":123}""", credentials: Pem()), CancellationToken.None);

        Assert.True(result.Ok, result.Summary);
        Assert.Equal("octo-org (456), octo-lab (457)", result.Details["installations"]);
        Assert.Equal("456", result.Details["installationId"]);
        Assert.Equal("Bearer ghs_x", Server.RequestsTo("GET", "/rate_limit").Single().RequestMessage.Headers!["Authorization"].Single());
    }

    // --- Describing targets (GET issue, GET milestone, GET milestones) ---

    [Theory]
    [InlineData(401, """{"message":"Bad credentials"}""", TrackerErrorCategory.Authentication, "credentials rejected", 1)]
    [InlineData(403, """{"message":"Resource not accessible by integration"}""", TrackerErrorCategory.Authentication, "lacks a permission", 1)]
    [InlineData(422, """{"message":"Validation Failed","errors":[{"resource":"Issue","code":"invalid","field":"number"}]}""", TrackerErrorCategory.InvalidRequest, "request refused", 1)]
    [InlineData(500, """{"message":"Server Error"}""", TrackerErrorCategory.Transient, "server error", 3)]
    [InlineData(503, """{"message":"Service Unavailable"}""", TrackerErrorCategory.Unavailable, "unavailable", 3)]
    public async Task Octokit_failures_are_classified_like_the_httpclient_paths_and_reads_are_retried_by_the_same_handler(
        int status, string body, TrackerErrorCategory category, string wording, int attempts)
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42", body, status: status);

        var failure = await Assert.ThrowsAsync<TrackerException>(() => _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None));

        Assert.Equal(category, failure.Category);
        Assert.Equal(status, failure.StatusCode);
        Assert.Contains($"GitHub answered GET /repos/octo-org/roadmap/issues/42 with {status}", failure.Message, StringComparison.Ordinal);
        Assert.Contains(wording, failure.Message, StringComparison.Ordinal);
        Assert.Equal(attempts, Server.Requests.Count);
    }

    [Theory]
    [InlineData(409)]
    [InlineData(425)]
    public async Task A_409_or_425_on_a_read_is_retried_like_a_server_error(int status)
    {
        Server.Sequence("GET", "/repos/octo-org/roadmap/issues/42",
            () => JsonResponse(status, """{"message":"try again"}"""),
            () => JsonResponse(200, Fixture.Issue(42, title: "Checkout revamp").ToJsonString()));

        var described = await _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None);

        Assert.True(described.Exists, described.Error);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task A_429_which_octokit_calls_a_plain_api_error_is_rate_limited_with_githubs_retry_after()
    {
        Server.Status("GET", "/repos/octo-org/roadmap/issues/42", 429,
            new Dictionary<string, string> { ["Content-Type"] = "application/json", ["retry-after"] = "3600" },
            """{"message":"API rate limit exceeded for installation ID 456.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#rate-limiting"}""");

        var failure = await Assert.ThrowsAsync<TrackerException>(() => _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None));

        Assert.Equal(TrackerErrorCategory.RateLimited, failure.Category);
        Assert.Equal(TimeSpan.FromHours(1), failure.RetryAfter);
        Assert.Equal(429, failure.StatusCode);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_429_with_the_budget_spent_on_a_milestone_read_waits_for_the_reset_then_describes_it()
    {
        var reset = ConnectorHarness.Start.AddSeconds(90);
        Server.Sequence("GET", "/repos/octo-org/roadmap/milestones/7",
            () => Refusal(429, """{"message":"API rate limit exceeded"}""",
                ("x-ratelimit-limit", "5000"), ("x-ratelimit-remaining", "0"), ("x-ratelimit-reset", Epoch(reset)), ("x-ratelimit-resource", "core")),
            () => JsonResponse(200, Milestone(7, "v1.0").ToJsonString()));

        var describe = _harness.Connector.DescribeTargetAsync(_harness.Settings(), new TargetRef(GitHubTargetKinds.Milestone, "octo-org/roadmap/7"), CancellationToken.None);
        var result = await _harness.AdvanceUntilDoneAsync(describe, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(5));

        Assert.Equal(new TargetDescription(true, "v1.0", "https://github.com/octo-org/roadmap/milestone/7", null), result);
        Assert.True(Now > reset);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task An_abuse_detection_403_is_a_secondary_limit_and_waited_out_for_a_minute()
    {
        Server.Sequence("GET", "/repos/octo-org/roadmap/issues/42",
            () => Refusal(403, """{"message":"You have triggered an abuse detection mechanism. Please wait a few minutes before you try again.","documentation_url":"https://docs.github.com/rest/overview/resources-in-the-rest-api#abuse-rate-limits"}"""),
            () => JsonResponse(200, Fixture.Issue(42, title: "Onboarding revamp").ToJsonString()));

        var describe = _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None);
        var result = await _harness.AdvanceUntilDoneAsync(describe, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3), whileWaiting: () =>
        {
            if (Now < ConnectorHarness.Start.AddMinutes(1))
            {
                Assert.Single(Server.Requests);
            }
        });

        Assert.True(result.Exists, result.Error);
        Assert.Equal("Onboarding revamp", result.Title);
        Assert.True(Now >= ConnectorHarness.Start.AddMinutes(1));
    }

    [Theory]
    [InlineData("this is not JSON")]
    [InlineData("""{"id":5042,"number":"forty-two","title":"Onboarding revamp"}""")]
    [InlineData("""{"id":5042,"number":42,"state":"open"}""")]
    public async Task An_answer_octokit_cannot_read_or_that_lacks_a_needed_field_is_an_invalid_response(string body)
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42", body);

        var failure = await Assert.ThrowsAsync<TrackerException>(() => _harness.Connector.DescribeTargetAsync(_harness.Settings(), Parent, CancellationToken.None));

        Assert.Equal(TrackerErrorCategory.InvalidResponse, failure.Category);
        Assert.Contains("GET /repos/octo-org/roadmap/issues/42", failure.Message, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Describes_a_milestone_named_by_title_through_the_milestones_list()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/milestones?state=all&per_page=100", new JsonArray(Milestone(3, "v0.9"), Milestone(7, "V1.0")));

        var result = await _harness.Connector.DescribeTargetAsync(
            _harness.Settings(), new TargetRef(GitHubTargetKinds.Milestone, "octo-org/roadmap/v1.0"), CancellationToken.None);

        Assert.Equal(new TargetDescription(true, "V1.0", "https://github.com/octo-org/roadmap/milestone/7", null), result);
    }

    // --- Installation tokens (GET /repos/{o}/{r}/installation, POST /app/installations/{id}/access_tokens) ---

    [Fact]
    public async Task A_secondary_limit_on_minting_an_installation_token_is_waited_out_and_the_mint_sent_again()
    {
        Server.Sequence("POST", "/app/installations/456/access_tokens",
            () => Refusal(403, SecondaryLimitBody, ("retry-after", "60")),
            () => AppAuthTests.TokenResponse("ghs_minted", ConnectorHarness.Start.AddHours(2)));
        Server.Mock.Given(GitHubApiServer.Request("GET", "/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100")
                .WithHeader("Authorization", new ExactMatcher("Bearer ghs_minted")))
            .RespondWith(JsonResponse(200, new JsonArray(Fixture.Issue(1)).ToJsonString()));

        var fetch = _harness.Connector.FetchAsync(
            _harness.Settings("""{"auth":"app","appId":123,"installationId":456}""", credentials: Pem()), new FetchRequest([Parent], null), CancellationToken.None);
        var result = await _harness.AdvanceUntilDoneAsync(fetch, TimeSpan.FromSeconds(10), TimeSpan.FromMinutes(3), whileWaiting: () =>
        {
            if (Now < ConnectorHarness.Start.AddSeconds(60))
            {
                Assert.Single(Server.Requests);
            }
        });

        Assert.True(result.Targets[0].Complete, result.Targets[0].Error);
        Assert.Equal(3, result.ApiCalls);
        var mints = Server.RequestsTo("POST", "/app/installations/456/access_tokens");
        Assert.Equal(2, mints.Count);
        Assert.All(mints, mint => Assert.Equal("2022-11-28", mint.RequestMessage.Headers!["X-GitHub-Api-Version"].Single()));
        Assert.True(Now >= ConnectorHarness.Start.AddSeconds(60));
    }

    [Fact]
    public async Task A_rejected_app_jwt_is_credentials_rejected_and_stops_the_fetch()
    {
        Server.Json("POST", "/app/installations/456/access_tokens",
            """{"message":"A JSON web token could not be decoded","documentation_url":"https://docs.github.com/rest"}""", status: 401);

        var result = await _harness.Connector.FetchAsync(
            _harness.Settings("""{"auth":"app","appId":123,"installationId":456}""", credentials: Pem()),
            new FetchRequest([Parent, new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#43")], null),
            CancellationToken.None);

        Assert.StartsWith(
            "Authentication: GitHub answered POST /app/installations/456/access_tokens with 401: credentials rejected (A JSON web token could not be decoded)",
            result.Targets[0].Error,
            StringComparison.Ordinal);
        Assert.StartsWith("not fetched: Authentication", result.Targets[1].Error, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task A_repository_without_the_app_installed_is_not_found_and_asked_again_next_time()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/installation",
            """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app"}""", status: 404);
        var settings = _harness.Settings("""{"auth":"app","appId":123}""", credentials: Pem());

        var first = await _harness.Connector.DescribeTargetAsync(settings, Parent, CancellationToken.None);
        var second = await _harness.Connector.DescribeTargetAsync(settings, Parent, CancellationToken.None);

        Assert.False(first.Exists);
        Assert.Contains("GET /repos/octo-org/roadmap/installation with 404: not found, or the token cannot see it", first.Error, StringComparison.Ordinal);
        Assert.False(second.Exists);
        Assert.Equal(2, Server.RequestsTo("GET", "/repos/octo-org/roadmap/installation").Count);
    }

    private string Pem() => _key.ExportRSAPrivateKeyPem();

    private static IResponseBuilder JsonResponse(int status, string body) =>
        Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json; charset=utf-8").WithBody(body);

    private static IResponseBuilder Refusal(int status, string body, params (string Name, string Value)[] headers)
    {
        var response = JsonResponse(status, body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        return response;
    }

    // https://docs.github.com/en/rest/users/users#get-the-authenticated-user (the fields every account has)
    private static JsonObject User(string login) => new()
    {
        ["login"] = login,
        ["id"] = 1,
        ["node_id"] = "MDQ6VXNlcjE=",
        ["type"] = "User",
        ["site_admin"] = false,
        ["name"] = "OKR Bot",
        ["html_url"] = $"https://github.com/{login}",
    };

    // https://docs.github.com/en/rest/apps/apps#get-the-authenticated-app
    private static JsonObject App() => new()
    {
        ["id"] = 123,
        ["slug"] = "okr-connect",
        ["node_id"] = "MDExOkludGVncmF0aW9uMTIz",
        ["name"] = "OKR Connect",
        ["owner"] = new JsonObject { ["login"] = "octo-org", ["id"] = 2, ["type"] = "Organization" },
        ["permissions"] = new JsonObject { ["issues"] = "write", ["metadata"] = "read" },
        ["events"] = new JsonArray("issues", "sub_issues", "milestone"),
    };

    // https://docs.github.com/en/rest/apps/apps#list-installations-for-the-authenticated-app
    private static JsonObject Installation(long id, string account) => new()
    {
        ["id"] = id,
        ["account"] = new JsonObject { ["login"] = account, ["id"] = id * 10, ["type"] = "Organization" },
        ["app_id"] = 123,
        ["target_type"] = "Organization",
        ["repository_selection"] = "all",
        ["permissions"] = new JsonObject { ["issues"] = "write", ["metadata"] = "read" },
        ["events"] = new JsonArray("issues"),
    };

    // https://docs.github.com/en/rest/issues/milestones#get-a-milestone
    private static JsonObject Milestone(int number, string title) => new()
    {
        ["url"] = $"https://api.github.com/repos/octo-org/roadmap/milestones/{number}",
        ["html_url"] = $"https://github.com/octo-org/roadmap/milestone/{number}",
        ["id"] = 1000 + number,
        ["node_id"] = "MDk6TWlsZXN0b25lMTAwMg==",
        ["number"] = number,
        ["state"] = "open",
        ["title"] = title,
        ["description"] = null,
        ["open_issues"] = 4,
        ["closed_issues"] = 8,
        ["created_at"] = "2026-01-05T10:00:00Z",
        ["updated_at"] = "2026-02-20T10:00:00Z",
        ["closed_at"] = null,
        ["due_on"] = null,
    };

    private static JsonObject RateLimitBody(int remaining) => new()
    {
        ["resources"] = new JsonObject
        {
            ["core"] = new JsonObject { ["limit"] = 5000, ["used"] = 5000 - remaining, ["remaining"] = remaining, ["reset"] = 1772449200 },
        },
        ["rate"] = new JsonObject { ["limit"] = 5000, ["used"] = 5000 - remaining, ["remaining"] = remaining, ["reset"] = 1772449200 },
    };

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
