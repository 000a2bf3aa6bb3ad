using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.RequestBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class CloudFetchTests : IDisposable
{
    private const string Search = "/rest/api/3/search/jql";
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    private static IRequestBuilder SearchWhere(Func<string?, bool> body) =>
        Request.Create().WithPath(Search).UsingPost().WithBody(body);

    [Fact]
    public async Task Follows_nextPageToken_until_isLast_and_asks_only_for_needed_fields()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/field").UsingGet(), "cloud/fields.team-managed.json");
        _jira.Reply(SearchWhere(b => !b!.Contains("nextPageToken", StringComparison.Ordinal)), "cloud/search-jql.page1.json");
        _jira.Reply(SearchWhere(b => b!.Contains("\"nextPageToken\":\"CAEaAggD\"", StringComparison.Ordinal)), "cloud/search-jql.page2.json");
        _jira.Reply(SearchWhere(b => b!.Contains("\"nextPageToken\":\"CAEaAggG\"", StringComparison.Ordinal)), "cloud/search-jql.page3.json");

        var result = await _jira.Connector.FetchAsync(_jira.Cloud(), new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);

        var target = Assert.Single(result.Targets);
        Assert.True(target.Complete);
        Assert.Equal(["OKR-101", "OKR-102", "OKR-103", "OKR-104", "OKR-105"], target.Items.Select(i => i.ExternalId));
        Assert.Equal(4, result.ApiCalls);

        var searches = _jira.Requests("POST", Search);
        Assert.Equal(3, searches.Count);
        var first = JiraSite.BodyOf(searches[0]);
        Assert.Equal("parent in (OKR-1)", first["jql"]!.GetValue<string>());
        Assert.Equal(5000, first["maxResults"]!.GetValue<int>());
        Assert.Equal(
            ["summary", "status", "resolution", "issuetype", "parent", "updated", "customfield_10016"],
            first["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Empty(_jira.Requests("POST", "/rest/api/3/search"));
        Assert.Equal("Basic", JiraSite.Header(searches[0], "Authorization").Split(' ')[0]);
    }

    [Fact]
    public async Task Batches_many_epics_into_parent_in_queries_of_100_and_maps_items_back_by_parent()
    {
        var epics = Enumerable.Range(1, 150).Select(n => new TargetRef("jira-epic", $"EP-{n}")).ToList();
        _jira.Reply(SearchWhere(b => b!.Contains("EP-100)", StringComparison.Ordinal)), "cloud/search-jql.batch1.json");
        _jira.Reply(SearchWhere(b => b!.Contains("EP-150)", StringComparison.Ordinal)), "cloud/search-jql.batch2.json");

        var result = await _jira.Connector.FetchAsync(
            _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}"""),
            new FetchRequest(epics, null),
            default);

        var jqls = _jira.Requests("POST", Search).Select(JiraSite.JqlOf).ToList();
        Assert.Equal(2, jqls.Count);
        Assert.Equal("parent in (" + string.Join(", ", Enumerable.Range(1, 100).Select(n => $"EP-{n}")) + ")", jqls[0]);
        Assert.Equal("parent in (" + string.Join(", ", Enumerable.Range(101, 50).Select(n => $"EP-{n}")) + ")", jqls[1]);

        Assert.Equal(150, result.Targets.Count);
        Assert.All(result.Targets, t => Assert.True(t.Complete));
        var byEpic = result.Targets.ToDictionary(t => t.Target.Key);
        Assert.Equal("ST-26", Assert.Single(byEpic["EP-26"].Items).ExternalId);
        Assert.Equal("ST-126", Assert.Single(byEpic["EP-126"].Items).ExternalId);
        Assert.Empty(byEpic["EP-2"].Items);
        Assert.Equal(6, result.Targets.Sum(t => t.Items.Count)); // EP-1, 26, 51, 76, 101 and 126 have one story each
    }

    [Fact]
    public async Task Incremental_fetch_adds_updated_since_in_the_users_time_zone_with_a_safety_margin()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/myself").UsingGet(), "cloud/myself.json");
        _jira.Reply(SearchWhere(_ => true), "cloud/search-jql.page3.json");
        var since = new DateTimeOffset(2026, 11, 3, 14, 0, 30, TimeSpan.Zero);

        var result = await _jira.Connector.FetchAsync(
            _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}"""),
            new FetchRequest([new TargetRef("jira-epic", "OKR-1"), new TargetRef("jira-jql", "project = OKR ORDER BY rank")], since),
            default);

        // 14:00:30Z minus 5 minutes is 21:55 in Asia/Shanghai (the API user's zone from /myself).
        var jqls = _jira.Requests("POST", Search).Select(JiraSite.JqlOf).ToHashSet();
        Assert.Contains("(project = OKR) AND updated >= \"2026-11-03 21:55\" ORDER BY rank", jqls);
        Assert.Contains("parent in (OKR-1) AND updated >= \"2026-11-03 21:55\"", jqls);
        Assert.All(result.Targets, t => Assert.True(t.Complete));
    }

    [Fact]
    public async Task Classifies_by_status_category_and_resolution()
    {
        _jira.Reply(SearchWhere(_ => true), "cloud/search-jql.classification.json");

        var result = await _jira.Connector.FetchAsync(
            _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}"""),
            new FetchRequest([new TargetRef("jira-jql", "project = OKR")], null),
            default);

        var items = Assert.Single(result.Targets).Items.ToDictionary(i => i.ExternalId);
        Assert.Equal(WorkItemClass.ToDo, items["OKR-201"].Class); // to-do category wins over a "Done" resolution
        Assert.Equal(WorkItemClass.Excluded, items["OKR-202"].Class);
        Assert.Equal("closed as \"Won't Do\"", items["OKR-202"].ExcludedReason);
        Assert.Equal(WorkItemClass.Done, items["OKR-203"].Class);
        Assert.Equal(5.0, items["OKR-203"].Points);
        Assert.Equal(WorkItemClass.Done, items["OKR-204"].Class); // done category, no resolution set
        Assert.Equal(WorkItemClass.InProgress, items["OKR-205"].Class);
        Assert.Equal(WorkItemClass.Excluded, items["OKR-207"].Class); // "won't fix" matches "Won't Fix" case-insensitively

        var subtask = items["OKR-206"];
        Assert.True(subtask.IsSubtask);
        Assert.Equal("OKR-205", subtask.ParentExternalId);
        Assert.Equal("OKR-2", items["OKR-203"].ParentExternalId);
        Assert.Equal("Shipped", items["OKR-203"].Title);
    }

    [Fact]
    public async Task Drops_subtasks_and_counts_in_progress_as_to_do_when_configured()
    {
        _jira.Reply(SearchWhere(_ => true), "cloud/search-jql.classification.json");

        var result = await _jira.Connector.FetchAsync(
            _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"],"countSubtasks":false,"inProgressAs":"to-do","notDoneResolutions":["Won't Do"]}"""),
            new FetchRequest([new TargetRef("jira-jql", "project = OKR")], null),
            default);

        var items = Assert.Single(result.Targets).Items.ToDictionary(i => i.ExternalId);
        Assert.DoesNotContain("OKR-206", items.Keys);
        Assert.Equal(WorkItemClass.ToDo, items["OKR-205"].Class);
        Assert.Equal(WorkItemClass.Done, items["OKR-207"].Class); // "won't fix" is no longer in the not-done list
    }

    [Fact]
    public async Task Discovers_the_team_managed_story_point_estimate_field()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/field").UsingGet(), "cloud/fields.team-managed.json");
        _jira.Reply(SearchWhere(_ => true), "cloud/search-jql.page1.json");
        _jira.Reply(SearchWhere(b => b!.Contains("CAEaAggD", StringComparison.Ordinal)), "cloud/search-jql.page3.json");
        var settings = _jira.Cloud();

        var first = await _jira.Connector.FetchAsync(settings, new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);
        var second = await _jira.Connector.FetchAsync(settings, new FetchRequest([new TargetRef("jira-epic", "OKR-1")], null), default);

        var points = first.Targets[0].Items.ToDictionary(i => i.ExternalId, i => i.Points);
        Assert.Equal(3.0, points["OKR-101"]);
        Assert.Equal(5.0, points["OKR-102"]);
        Assert.Single(_jira.Requests("GET", "/rest/api/3/field")); // cached per connector
        Assert.Equal(first.ApiCalls - 1, second.ApiCalls);
    }

    [Fact]
    public async Task Discovers_the_company_managed_story_points_field()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/field").UsingGet(), "cloud/fields.company-managed.json");
        _jira.Reply(SearchWhere(_ => true), "cloud/search-jql.company-managed.json");

        var result = await _jira.Connector.FetchAsync(_jira.Cloud(), new FetchRequest([new TargetRef("jira-epic", "CM-1")], null), default);

        var items = result.Targets[0].Items.ToDictionary(i => i.ExternalId);
        Assert.Equal(13.0, items["CM-11"].Points);
        Assert.Null(items["CM-12"].Points);
        Assert.Contains("customfield_10028", JiraSite.BodyOf(_jira.Requests("POST", Search)[0])["fields"]!.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failure_mid_paging_marks_only_that_query_incomplete()
    {
        _jira.Reply(SearchWhere(b => b!.Contains("parent in", StringComparison.Ordinal) && !b.Contains("nextPageToken", StringComparison.Ordinal)), "cloud/search-jql.page1.json");
        _jira.Reply(SearchWhere(b => b!.Contains("CAEaAggD", StringComparison.Ordinal)), "cloud/error.token-expired.json", status: 400);
        _jira.Reply(SearchWhere(b => b!.Contains("labels = okr", StringComparison.Ordinal)), "cloud/search-jql.company-managed.json");

        var result = await _jira.Connector.FetchAsync(
            _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}"""),
            new FetchRequest([new TargetRef("jira-epic", "OKR-1"), new TargetRef("jira-jql", "labels = okr")], null),
            default);

        var epic = result.Targets[0];
        Assert.False(epic.Complete);
        Assert.Contains("The provided next page token is invalid or expired.", epic.Error, StringComparison.Ordinal);
        Assert.Equal(["OKR-101", "OKR-102"], epic.Items.Select(i => i.ExternalId));
        var jql = result.Targets[1];
        Assert.True(jql.Complete);
        Assert.Equal(2, jql.Items.Count);
    }

    [Fact]
    public async Task Refuses_targets_it_does_not_serve_without_calling_jira()
    {
        var result = await _jira.Connector.FetchAsync(
            _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}"""),
            new FetchRequest([new TargetRef("github-issue", "octo/repo#1"), new TargetRef("jira-epic", "OKR-1) OR (project = X")], null),
            default);

        Assert.All(result.Targets, t => Assert.False(t.Complete));
        Assert.Contains("unsupported target kind", result.Targets[0].Error, StringComparison.Ordinal);
        Assert.Contains("not an issue key", result.Targets[1].Error, StringComparison.Ordinal);
        Assert.Equal(0, result.ApiCalls);
    }
}
