using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using WireMock.RequestBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class CloudConnectionAndTargetTests : IDisposable
{
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    private void Site(string fields)
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/myself").UsingGet(), "cloud/myself.json");
        _jira.Reply(Request.Create().WithPath("/rest/api/3/serverInfo").UsingGet(), "cloud/serverInfo.json");
        _jira.Reply(Request.Create().WithPath("/rest/api/3/field").UsingGet(), fields);
    }

    [Fact]
    public async Task Connection_test_names_the_user_the_version_and_the_story_point_field()
    {
        Site("cloud/fields.team-managed.json");

        var result = await _jira.Connector.TestConnectionAsync(_jira.Cloud(), default);

        Assert.True(result.Ok, result.Summary);
        Assert.Equal("connected to Jira Cloud 1001.0.0-SNAPSHOT as OKR Bot; story points: customfield_10016 (Story point estimate)", result.Summary);
        Assert.Equal("712020:5b10ac8d82e05b22cc7d4ef5", result.Details["accountId"]);
        Assert.Equal("Cloud", result.Details["deploymentType"]);
        Assert.Equal("Asia/Shanghai", result.Details["timeZone"]);
    }

    [Fact]
    public async Task Connection_test_says_why_points_will_not_work_when_no_story_point_field_exists()
    {
        Site("jira/all_fields.json");

        var result = await _jira.Connector.TestConnectionAsync(_jira.Cloud(), default);

        Assert.True(result.Ok);
        Assert.Equal("none found", result.Details["storyPointFields"]);
        Assert.Contains("no field named \"Story point estimate\" or \"Story Points\" is visible to this account", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_catches_a_data_center_site_configured_as_cloud()
    {
        var settings = _jira.Cloud();
        _jira.Reply(Request.Create().WithPath("/rest/api/3/myself").UsingGet(), "cloud/error.issue-not-found.json", status: 404);

        var result = await _jira.Connector.TestConnectionAsync(settings, default);

        Assert.False(result.Ok);
        Assert.StartsWith("no Jira REST API v3 at", result.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Connection_test_refuses_invalid_settings_without_calling_jira()
    {
        var result = await _jira.Connector.TestConnectionAsync(_jira.Cloud("""{"deployment":"cloud"}""") with { Credentials = "token-without-email" }, default);

        Assert.False(result.Ok);
        Assert.Contains("Cloud needs an account e-mail", result.Summary, StringComparison.Ordinal);
        Assert.Empty(_jira.Server.LogEntries);
    }

    [Fact]
    public async Task Describes_an_epic_with_its_title_and_browse_url()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/issue/OKR-1").UsingGet().WithParam("fields", "summary,issuetype"), "cloud/issue.epic.json");

        var result = await _jira.Connector.DescribeTargetAsync(_jira.Cloud(), new TargetRef("jira-epic", "OKR-1"), default);

        Assert.Equal(new TargetDescription(true, "Checkout revamp", $"{_jira.Server.Url}/browse/OKR-1", null), result);
    }

    [Fact]
    public async Task A_story_is_not_an_epic_and_a_missing_issue_is_not_found()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/issue/OKR-101").UsingGet(), "cloud/issue.story.json");
        _jira.Reply(Request.Create().WithPath("/rest/api/3/issue/OKR-404").UsingGet(), "cloud/error.issue-not-found.json", status: 404);

        var story = await _jira.Connector.DescribeTargetAsync(_jira.Cloud(), new TargetRef("jira-epic", "OKR-101"), default);
        var missing = await _jira.Connector.DescribeTargetAsync(_jira.Cloud(), new TargetRef("jira-epic", "OKR-404"), default);

        Assert.False(story.Exists);
        Assert.Equal("OKR-101 is a Story, not an epic", story.Error);
        Assert.False(missing.Exists);
        Assert.StartsWith("not found: OKR-404", missing.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Validates_jql_with_the_parse_endpoint()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/jql/parse").UsingPost().WithParam("validation", "strict")
            .WithBody(b => b!.Contains("labels = okr", StringComparison.Ordinal)), "cloud/jql-parse.ok.json");
        _jira.Reply(Request.Create().WithPath("/rest/api/3/jql/parse").UsingPost()
            .WithBody(b => b!.Contains("OKR AND\"", StringComparison.Ordinal)), "cloud/jql-parse.errors.json");
        const string good = "project = OKR AND labels = okr ORDER BY rank";

        var ok = await _jira.Connector.DescribeTargetAsync(_jira.Cloud(), new TargetRef("jira-jql", good), default);
        var bad = await _jira.Connector.DescribeTargetAsync(_jira.Cloud(), new TargetRef("jira-jql", "project = OKR AND"), default);

        Assert.True(ok.Exists);
        Assert.Equal(good, ok.Title);
        Assert.Equal($"{_jira.Server.Url}/issues/?jql={Uri.EscapeDataString(good)}", ok.Url);
        Assert.False(bad.Exists);
        Assert.Equal("Jira rejected the JQL: Error in the JQL Query: Expecting either 'NOT' or a field name but got the end of the query.", bad.Error);
    }
}
