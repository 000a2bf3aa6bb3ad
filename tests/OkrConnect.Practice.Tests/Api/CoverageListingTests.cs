using System.Globalization;
using System.Net;
using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Practice.Tests.Api;

/// <summary>
/// Orphan epics from the tracker itself: coverage asks each enabled connector that can list containers (Jira) for the
/// epics updated since the cycle start. A strict WireMock Jira Cloud per test, and a host per test, so one test's
/// connector is never asked by another's coverage.
/// </summary>
public sealed class CoverageListingTests : IDisposable
{
    private const string Search = "/rest/api/3/search/jql";
    private readonly WireMockServer _jira = WireMockServer.Start();
    private readonly PracticeFactory _factory = new();

    public void Dispose()
    {
        try
        {
            var unmatched = _jira.LogEntries
                .Where(e => e.MappingGuid is null || e.MappingGuid == Guid.Empty)
                .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")
                .ToList();
            Assert.True(unmatched.Count == 0, "requests no stub matched:\n" + string.Join("\n", unmatched));
        }
        finally
        {
            _factory.Dispose();
            _jira.Stop();
            _jira.Dispose();
        }
    }

    [Fact]
    public async Task Epics_the_tracker_lists_as_updated_in_the_cycle_that_no_key_result_links_to_are_orphans()
    {
        var manager = _factory.CreateClientFor(Role.Manager, "maria", "web");
        var seed = new Seed(manager);
        var connector = await JiraConnectorAsync();
        var cycle = await seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var objective = await seed.ObjectiveAsync(cycle.Id());
        var keyResult = await seed.KeyResultAsync(objective.Id(), "Checkout");
        Reply(Request.Create().UsingGet().WithPath("/rest/api/3/issue/OKR-1"), """{"id":"10001","key":"OKR-1","fields":{"summary":"Checkout revamp","issuetype":{"id":"10000","name":"Epic","subtask":false,"hierarchyLevel":1}}}""");
        await seed.LinkAsync(keyResult.Id(), connector, "jira-epic", "OKR-1");

        var updated = JiraTime(_factory.Today.AddDays(-2));
        Reply(Request.Create().UsingGet().WithPath("/rest/api/3/myself"), """{"accountId":"712020:bot","displayName":"OKR Bot","timeZone":"UTC"}""");
        Reply(
            Request.Create().UsingPost().WithPath(Search),
            $$$"""
            {"issues":[
              {"id":"10001","key":"OKR-1","fields":{"summary":"Checkout revamp","updated":"{{{updated}}}"}},
              {"id":"10002","key":"OKR-2","fields":{"summary":"Loyalty programme","updated":"{{{updated}}}"}}
            ],"isLast":true}
            """);

        var coverage = await manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");

        var orphans = coverage.Get("orphanEpics");
        var mine = Assert.Single(orphans.Items("connectors"), c => c.Get("connectorId").GetGuid() == connector);
        Assert.True(mine.Get("listedByTracker").GetBoolean());
        var epic = Assert.Single(mine.Items("epics"));
        Assert.Equal(("OKR-2", "Loyalty programme", $"{_jira.Url}/browse/OKR-2"), (epic.Str("externalId"), epic.Str("title"), epic.Str("url")));
        Assert.Equal(["tracker"], epic.Items("sources").Select(s => s.GetString()));
        Assert.Equal(0, epic.Get("itemCount").GetInt32());
        Assert.Empty(orphans.Items("listingFailures"));
        Assert.Contains("updated since the cycle start", orphans.Str("source"), StringComparison.Ordinal);

        var search = Assert.Single(_jira.LogEntries, e => e.RequestMessage.Path == Search);
        var jql = JsonDocument.Parse(search.RequestMessage.Body!).RootElement.GetProperty("jql").GetString();
        var since = _factory.Today.AddDays(-10).ToDateTime(TimeOnly.MinValue).AddMinutes(-5);
        Assert.Equal($"issuetype = Epic AND updated >= \"{since.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\"", jql);
    }

    [Fact]
    public async Task A_connector_that_cannot_list_is_reported_in_the_coverage_not_as_a_server_error()
    {
        var manager = _factory.CreateClientFor(Role.Manager, "maria", "web");
        var seed = new Seed(manager);
        var connector = await JiraConnectorAsync();
        var cycle = await seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        await seed.KeyResultAsync((await seed.ObjectiveAsync(cycle.Id())).Id(), "Nothing linked");
        Reply(Request.Create().UsingGet().WithPath("/rest/api/3/myself"), """{"accountId":"712020:bot","displayName":"OKR Bot","timeZone":"UTC"}""");
        _jira.Given(Request.Create().UsingPost().WithPath(Search))
            .RespondWith(Response.Create().WithStatusCode(401).WithHeader("Content-Type", "text/plain").WithBody("Client must be authenticated to access this resource."));

        var coverage = await manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");

        var failure = Assert.Single(coverage.Get("orphanEpics").Items("listingFailures"));
        Assert.Equal((connector, "jira", "authentication"), (failure.Get("connectorId").GetGuid(), failure.Str("kind"), failure.Str("category")));
        Assert.Contains("credentials rejected", failure.Str("error"), StringComparison.Ordinal);
        Assert.DoesNotContain("seed-token", coverage.GetRawText(), StringComparison.Ordinal);
        Assert.Empty(coverage.Get("orphanEpics").Items("connectors"));
        Assert.Single(coverage.Items("keyResultsWithoutWork"));
    }

    private static string JiraTime(DateOnly day) =>
        day.ToDateTime(new TimeOnly(12, 0)).ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000";

    private void Reply(IRequestBuilder request, string json) =>
        _jira.Given(request).RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(json));

    private async Task<Guid> JiraConnectorAsync()
    {
        var admin = _factory.CreateClientFor(Role.Admin, "root");
        var created = await (await admin.PostJsonAsync("/api/connectors", new
        {
            kind = "jira",
            name = $"jira-{Guid.NewGuid():N}",
            baseUrl = _jira.Url,
            options = new { deployment = "cloud" },
            credentials = "okr-bot@example.com:seed-token",
        })).ReadAsync(HttpStatusCode.Created);
        return created.Id();
    }
}
