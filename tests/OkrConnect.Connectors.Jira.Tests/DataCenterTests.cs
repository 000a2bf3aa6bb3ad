using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.RequestBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

/// <summary>Data Center: REST v2 under a context path, Bearer token, offset paging, Epic Link, wiki markup.</summary>
public sealed class DataCenterTests : IDisposable
{
    private const string Api = "/jira/rest/api/2";
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    [Fact]
    public async Task Fetches_epics_through_the_discovered_epic_link_with_startAt_paging_and_a_bearer_token()
    {
        _jira.Reply(Request.Create().WithPath($"{Api}/field").UsingGet(), "dc/fields.json");
        _jira.Reply(Request.Create().WithPath($"{Api}/search").UsingPost().WithBody(b => b!.Contains("\"startAt\":0", StringComparison.Ordinal)), "jira/issues_in_sprint.json");
        _jira.Reply(Request.Create().WithPath($"{Api}/search").UsingPost().WithBody(b => b!.Contains("\"startAt\":1", StringComparison.Ordinal)), "dc/search.page2.json");

        var result = await _jira.Connector.FetchAsync(_jira.DataCenter(), new FetchRequest([new TargetRef("jira-epic", "AR-37")], null), default);

        var target = Assert.Single(result.Targets);
        Assert.True(target.Complete);
        var items = target.Items.ToDictionary(i => i.ExternalId);
        Assert.Equal(WorkItemClass.ToDo, items["AR-86"].Class); // status "Ready" (to-do category) with resolution "Done"
        Assert.Equal(13.0, items["AR-86"].Points);
        Assert.Equal(WorkItemClass.Done, items["AR-87"].Class);
        Assert.Equal(5.0, items["AR-87"].Points);

        var searches = _jira.Requests("POST", $"{Api}/search");
        Assert.Equal(2, searches.Count);
        var first = JiraSite.BodyOf(searches[0]);
        Assert.Equal("cf[10700] in (AR-37)", first["jql"]!.GetValue<string>());
        Assert.Equal(1000, first["maxResults"]!.GetValue<int>());
        Assert.Contains("customfield_10700", first["fields"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal($"Bearer {JiraSite.ApiToken}", JiraSite.Header(searches[0], "Authorization"));
        Assert.Equal(1, JiraSite.BodyOf(searches[1])["startAt"]!.GetValue<int>());
        Assert.Empty(_jira.Requests("POST", "/jira/rest/api/3/search/jql"));
    }

    [Fact]
    public async Task Writes_the_progress_comment_in_wiki_markup_with_its_marker()
    {
        _jira.Reply(
            Request.Create().WithPath($"{Api}/issue/AR-37/comment").UsingGet().WithParam("expand", "properties"),
            "dc/comments.empty.json");
        _jira.Reply(Request.Create().WithPath($"{Api}/issue/AR-37/comment").UsingPost(), "jira/comment.json", status: 201);

        var result = await _jira.Connector.EnsureWriteBackAsync(
            _jira.DataCenter(), Samples.Request(WriteBackMode.Comment, Samples.Content(0.6, atRisk: true), epic: "AR-37"), default);

        Assert.Equal(new WriteBackResult("10000", 2, true), result);
        var post = JiraSite.BodyOf(Assert.Single(_jira.Requests("POST", $"{Api}/issue/AR-37/comment")));
        var body = post["body"]!.GetValue<string>();
        Assert.StartsWith("{panel:title=OKR progress}", body, StringComparison.Ordinal);
        Assert.Contains("██████░░░░ 60%", body, StringComparison.Ordinal);
        Assert.Contains("* progress trails the cycle by 0.22", body, StringComparison.Ordinal);
        Assert.EndsWith("{panel}", body, StringComparison.Ordinal);
        Assert.Equal("okrconnect", post["properties"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Edits_the_remembered_comment_with_one_put_and_no_read()
    {
        // PUT /rest/api/2/issue/{key}/comment/{id} answers the updated comment (the recorded Server comment stands in).
        _jira.Reply(Request.Create().WithPath($"{Api}/issue/AR-37/comment/10000").UsingPut(), "jira/comment.json");

        var result = await _jira.Connector.EnsureWriteBackAsync(
            _jira.DataCenter(), Samples.Request(WriteBackMode.Comment, Samples.Content(0.8), "10000", epic: "AR-37"), default);

        Assert.Equal(new WriteBackResult("10000", 1, true), result);
        var request = Assert.Single(_jira.Server.LogEntries);
        var put = JiraSite.BodyOf(request);
        Assert.Contains("80%", put["body"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("okrconnect", put["properties"]![0]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Connection_test_reports_the_server_the_user_and_the_fields()
    {
        _jira.Reply(Request.Create().WithPath($"{Api}/myself").UsingGet(), "dc/myself.json");
        _jira.Reply(Request.Create().WithPath($"{Api}/serverInfo").UsingGet(), "dc/serverInfo.json");
        _jira.Reply(Request.Create().WithPath($"{Api}/field").UsingGet(), "dc/fields.json");

        var result = await _jira.Connector.TestConnectionAsync(_jira.DataCenter(), default);

        Assert.True(result.Ok, result.Summary);
        Assert.Equal("connected to Jira Server 9.12.2 as OKR Bot; story points: customfield_10105 (Story Points)", result.Summary);
        Assert.Equal("okr-bot", result.Details["userName"]);
        Assert.Equal("customfield_10700", result.Details["epicLinkField"]);
    }

    [Fact]
    public async Task Describes_jql_rejected_by_an_empty_search_and_an_issue_that_is_not_an_epic()
    {
        _jira.Reply(Request.Create().WithPath($"{Api}/search").UsingPost().WithBody(b => b!.Contains("\"maxResults\":0", StringComparison.Ordinal)), "dc/error.jql.json", status: 400);
        _jira.Reply(Request.Create().WithPath($"{Api}/issue/TEST-136").UsingGet(), "jira/issue_with_customfield.json");
        var settings = _jira.DataCenter();

        var jql = await _jira.Connector.DescribeTargetAsync(settings, new TargetRef("jira-jql", "project = NOPE"), default);
        var task = await _jira.Connector.DescribeTargetAsync(settings, new TargetRef("jira-epic", "TEST-136"), default);

        Assert.False(jql.Exists);
        Assert.Equal("Jira rejected the JQL: The value 'NOPE' does not exist for the field 'project'.", jql.Error);
        Assert.False(task.Exists);
        Assert.Equal("TEST-136 is a Task, not an epic", task.Error);
        Assert.Equal($"{_jira.Server.Url}/jira/browse/TEST-136", task.Url);
    }

    [Fact]
    public void Webhook_targets_both_the_new_and_the_old_epic_link()
    {
        var settings = _jira.DataCenter("""{"deployment":"datacenter","epicLinkField":"customfield_10700"}""");
        var body = Fixture.Bytes("webhooks/dc-issue-updated-epic-link.json");
        var signature = JiraSite.Sign(body);

        var result = _jira.Connector.ParseWebhook(settings, new WebhookDelivery(
            new Dictionary<string, string> { ["X-Hub-Signature"] = signature, ["X-Atlassian-Webhook-Identifier"] = "delivery-9" }, body));

        Assert.True(result.SignatureValid);
        Assert.Equal(["AR-87"], result.ItemExternalIds);
        Assert.Equal([new TargetRef("jira-epic", "AR-37"), new TargetRef("jira-epic", "AR-30")], result.Targets);
    }
}
