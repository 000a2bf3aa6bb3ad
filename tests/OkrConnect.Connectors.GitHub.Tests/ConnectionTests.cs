using System.Text.Json.Nodes;
using System.Security.Cryptography;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class ConnectionTests : IDisposable
{
    private readonly ConnectorHarness _harness = new();

    private GitHubApiServer Server => _harness.Server;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_classic_token_reports_its_user_its_scopes_and_the_rate_limit_left()
    {
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1, name = "OKR Bot" }, headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "repo, read:org" });
        Server.Json("GET", "/rate_limit", RateLimitBody(4321));

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.True(result.Ok, result.Summary);
        Assert.Contains("okr-bot", result.Summary, StringComparison.Ordinal);
        Assert.Contains("4321 of 5000", result.Summary, StringComparison.Ordinal);
        Assert.Equal("classic", result.Details["tokenType"]);
        Assert.Equal("repo, read:org", result.Details["scopes"]);
        Assert.False(result.Details.ContainsKey("warning"));
        var user = Assert.Single(Server.RequestsTo("GET", "/user"));
        Assert.Equal("Bearer ghp_test_token", user.RequestMessage.Headers!["Authorization"].Single());
        Assert.Equal("2022-11-28", user.RequestMessage.Headers!["X-GitHub-Api-Version"].Single());
    }

    [Fact]
    public async Task A_fine_grained_token_is_recognised_by_its_missing_scopes_header()
    {
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/rate_limit", RateLimitBody(5000));

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.True(result.Ok);
        Assert.StartsWith("fine-grained", result.Details["tokenType"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_classic_token_without_repo_scope_gets_a_warning()
    {
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 }, headers: new Dictionary<string, string> { ["X-OAuth-Scopes"] = "read:user" });
        Server.Json("GET", "/rate_limit", RateLimitBody(5000));

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.Contains("repo", result.Details["warning"], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_rejected_token_says_so()
    {
        Server.Json("GET", "/user", """{"message":"Bad credentials","documentation_url":"https://docs.github.com/rest"}""", status: 401);

        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings(), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("credentials rejected", result.Summary, StringComparison.Ordinal);
        Assert.Contains("Bad credentials", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Invalid_settings_are_reported_without_calling_github()
    {
        var result = await _harness.Connector.TestConnectionAsync(_harness.Settings("""{"auth":"app"}"""), CancellationToken.None);

        Assert.False(result.Ok);
        Assert.Contains("appId is required", result.Summary, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    [Fact]
    public async Task An_app_reports_its_bot_identity_permissions_and_installation_budget()
    {
        using var key = RSA.Create(2048);
        Server.Json("GET", "/app", new { id = 123, slug = "okr-connect", name = "OKR Connect", permissions = new { issues = "write", metadata = "read" } });
        Server.Mock.Given(GitHubApiServer.Request("POST", "/app/installations/456/access_tokens"))
            .RespondWith(AppAuthTests.TokenResponse("ghs_x", ConnectorHarness.Start.AddHours(1)));
        Server.Json("GET", "/rate_limit", RateLimitBody(4999));

        var result = await _harness.Connector.TestConnectionAsync(
            _harness.Settings("""{"auth":"app","appId":123,"installationId":456}""", credentials: key.ExportRSAPrivateKeyPem()), CancellationToken.None);

        Assert.True(result.Ok, result.Summary);
        Assert.Contains("okr-connect[bot]", result.Summary, StringComparison.Ordinal);
        Assert.Equal("issues:write, metadata:read", result.Details["permissions"]);
        Assert.Equal("Bearer ghs_x", Server.RequestsTo("GET", "/rate_limit").Single().RequestMessage.Headers!["Authorization"].Single());
    }

    [Fact]
    public async Task Describes_an_issue_with_its_title_and_url()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42", Fixture.Issue(42, title: "Onboarding revamp"));

        var result = await Describe(GitHubTargetKinds.Issue, "octo-org/roadmap#42");

        Assert.Equal(new TargetDescription(true, "Onboarding revamp", "https://github.com/octo-org/roadmap/issues/42", null), result);
    }

    [Fact]
    public async Task A_pull_request_is_not_a_valid_parent_issue()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/43", Fixture.Issue(43, pullRequest: true));

        var result = await Describe(GitHubTargetKinds.Issue, "octo-org/roadmap#43");

        Assert.False(result.Exists);
        Assert.Contains("pull request", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_target_github_cannot_find_does_not_exist()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/milestones/9", """{"message":"Not Found"}""", status: 404);

        var result = await Describe(GitHubTargetKinds.Milestone, "octo-org/roadmap/9");

        Assert.False(result.Exists);
        Assert.Contains("not found, or the token cannot see it", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Describes_a_label_query_after_checking_every_label_exists()
    {
        Server.Json("GET", "/repos/octo-org/roadmap", new { id = 1, full_name = "octo-org/roadmap", html_url = "https://github.com/octo-org/roadmap", has_issues = true });
        Server.Json("GET", "/repos/octo-org/roadmap/labels/okr", new { id = 1, name = "okr", color = "ededed" });
        Server.Json("GET", "/repos/octo-org/roadmap/labels/team%20a", new { id = 2, name = "team a", color = "ededed" });

        var result = await Describe(GitHubTargetKinds.Label, "octo-org/roadmap:okr, team a");

        Assert.True(result.Exists, result.Error);
        Assert.Equal("octo-org/roadmap issues labelled okr + team a", result.Title);
        Assert.StartsWith("https://github.com/octo-org/roadmap/issues?q=", result.Url, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GitHubTargetKinds.Issue, "octo-org/roadmap")]
    [InlineData(GitHubTargetKinds.Issue, "octo-org/roadmap#0")]
    [InlineData(GitHubTargetKinds.Milestone, "octo-org/roadmap")]
    [InlineData(GitHubTargetKinds.Label, "octo-org/roadmap:")]
    [InlineData("jira-epic", "PROJ-1")]
    public async Task A_malformed_key_or_foreign_kind_is_explained_without_calling_github(string kind, string key)
    {
        var result = await Describe(kind, key);

        Assert.False(result.Exists);
        Assert.NotNull(result.Error);
        Assert.Empty(Server.Requests);
    }

    private Task<TargetDescription> Describe(string kind, string key) =>
        _harness.Connector.DescribeTargetAsync(_harness.Settings(), new TargetRef(kind, key), CancellationToken.None);

    private static JsonObject RateLimitBody(int remaining) => new()
    {
        ["resources"] = new JsonObject
        {
            ["core"] = new JsonObject { ["limit"] = 5000, ["used"] = 5000 - remaining, ["remaining"] = remaining, ["reset"] = 1772449200 },
            ["search"] = new JsonObject { ["limit"] = 30, ["used"] = 0, ["remaining"] = 30, ["reset"] = 1772445660 },
        },
        ["rate"] = new JsonObject { ["limit"] = 5000, ["used"] = 5000 - remaining, ["remaining"] = remaining, ["reset"] = 1772449200 },
    };
}
