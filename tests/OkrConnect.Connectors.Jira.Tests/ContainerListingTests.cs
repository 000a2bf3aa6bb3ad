using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using WireMock.RequestBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

/// <summary>The optional container listing (epics updated since an instant) coverage uses to find unlinked epics.</summary>
public sealed class ContainerListingTests : IDisposable
{
    private const string CloudSearch = "/rest/api/3/search/jql";
    private const string DcApi = "/jira/rest/api/2";
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    private IContainerListing Listing => Assert.IsAssignableFrom<IContainerListing>(_jira.Connector);

    [Fact]
    public void Is_declared_as_a_capability()
    {
        Assert.True(_jira.Connector.Capabilities.HasFlag(ConnectorCapabilities.ListContainers));
        Assert.IsAssignableFrom<IContainerListing>(_jira.Connector);
    }

    [Fact]
    public async Task Cloud_lists_epics_updated_since_with_enhanced_search_paging_and_drops_those_only_the_margin_brought()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/myself").UsingGet(), "cloud/myself.json");
        _jira.Reply(Request.Create().WithPath(CloudSearch).UsingPost().WithBody(b => !b!.Contains("nextPageToken", StringComparison.Ordinal)), "cloud/search-jql.epics.page1.json");
        _jira.Reply(Request.Create().WithPath(CloudSearch).UsingPost().WithBody(b => b!.Contains("\"nextPageToken\":\"CAEaAggE\"", StringComparison.Ordinal)), "cloud/search-jql.epics.page2.json");
        var since = new DateTimeOffset(2026, 11, 3, 14, 0, 30, TimeSpan.Zero);
        var settings = _jira.Cloud();

        var epics = await Listing.ListContainersUpdatedSinceAsync(settings, since, default);

        // OKR-3 (13:58:10Z) is before "since": the 5-minute safety margin brought it, the exact filter drops it.
        Assert.Equal(["OKR-1", "OKR-2"], epics.Select(e => e.Target.Key));
        Assert.All(epics, e => Assert.Equal("jira-epic", e.Target.Kind));
        var first = epics[0];
        Assert.Equal(("Checkout revamp", $"{_jira.Server.Url}/browse/OKR-1"), (first.Title, first.Url));
        Assert.Equal(new DateTimeOffset(2026, 11, 4, 1, 12, 44, 120, TimeSpan.Zero), first.Updated);

        var searches = _jira.Requests("POST", CloudSearch);
        Assert.Equal(2, searches.Count);
        // 14:00:30Z minus 5 minutes is 21:55 in Asia/Shanghai (the API user's zone from /myself).
        Assert.All(searches, s => Assert.Equal("issuetype = Epic AND updated >= \"2026-11-03 21:55\"", JiraSite.JqlOf(s)));
        var body = JiraSite.BodyOf(searches[0]);
        Assert.Equal(["summary", "updated"], body["fields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Equal(5000, body["maxResults"]!.GetValue<int>());
        Assert.Equal("CAEaAggE", JiraSite.BodyOf(searches[1])["nextPageToken"]!.GetValue<string>());
        Assert.Empty(_jira.Requests("POST", "/rest/api/3/search"));
    }

    [Fact]
    public async Task Data_center_lists_epics_with_startAt_paging_on_the_v2_search()
    {
        _jira.Reply(Request.Create().WithPath($"{DcApi}/myself").UsingGet(), "dc/myself.json");
        _jira.Reply(Request.Create().WithPath($"{DcApi}/search").UsingPost().WithBody(b => b!.Contains("\"startAt\":0", StringComparison.Ordinal)), "dc/search.epics.page1.json");
        _jira.Reply(Request.Create().WithPath($"{DcApi}/search").UsingPost().WithBody(b => b!.Contains("\"startAt\":2", StringComparison.Ordinal)), "dc/search.epics.page2.json");
        var since = new DateTimeOffset(2026, 11, 3, 15, 30, 0, TimeSpan.Zero);

        var epics = await Listing.ListContainersUpdatedSinceAsync(_jira.DataCenter(), since, default);

        Assert.Equal(["AR-37", "AR-38"], epics.Select(e => e.Target.Key));
        Assert.Equal($"{_jira.Server.Url}/jira/browse/AR-37", epics[0].Url);
        var searches = _jira.Requests("POST", $"{DcApi}/search");
        Assert.Equal(2, searches.Count);
        // 15:30Z minus 5 minutes is 16:25 in Europe/Berlin (UTC+1 in November).
        Assert.All(searches, s => Assert.Equal("issuetype = Epic AND updated >= \"2026-11-03 16:25\"", JiraSite.JqlOf(s)));
        Assert.Equal(2, JiraSite.BodyOf(searches[1])["startAt"]!.GetValue<int>());
        Assert.Equal($"Bearer {JiraSite.ApiToken}", JiraSite.Header(searches[0], "Authorization"));
    }

    [Fact]
    public async Task A_failure_on_any_page_is_thrown_rather_than_returning_a_partial_list()
    {
        _jira.Reply(Request.Create().WithPath("/rest/api/3/myself").UsingGet(), "cloud/myself.json");
        _jira.Reply(Request.Create().WithPath(CloudSearch).UsingPost().WithBody(b => !b!.Contains("nextPageToken", StringComparison.Ordinal)), "cloud/search-jql.epics.page1.json");
        _jira.ReplyJson(
            Request.Create().WithPath(CloudSearch).UsingPost().WithBody(b => b!.Contains("nextPageToken", StringComparison.Ordinal)),
            """{"errorMessages":["The value 'Epic' does not exist for the field 'issuetype'."],"errors":{}}""",
            400);

        var ex = await Assert.ThrowsAsync<TrackerException>(
            () => Listing.ListContainersUpdatedSinceAsync(_jira.Cloud(), DateTimeOffset.UnixEpoch, default));

        Assert.Equal(TrackerErrorCategory.InvalidRequest, ex.Category);
        Assert.Contains("does not exist for the field 'issuetype'", ex.Message, StringComparison.Ordinal);
    }
}
