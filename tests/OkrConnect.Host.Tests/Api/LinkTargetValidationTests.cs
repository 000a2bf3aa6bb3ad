using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Connectors;
using OkrConnect.Host.Api.Links;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>Creating a link asks the tracker about the target first (a strict WireMock Jira Cloud per test).</summary>
public sealed class LinkTargetValidationTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>, IDisposable
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice"));
    private readonly OkrSeed _admin = new(factory.CreateClientFor(Role.Admin, "ada"));
    private readonly JiraStub _jira = new();

    public void Dispose() => _jira.Dispose();

    [Fact]
    public async Task An_existing_epic_is_linked_with_its_title_and_url()
    {
        var (keyResult, connector) = await SetUpAsync();
        _jira.Issue("OKR-1");

        var created = await (await Link(keyResult, connector, "jira-epic", "OKR-1")).ReadAsync<LinkResponse>(HttpStatusCode.Created);

        Assert.Equal(("Checkout revamp", $"{_jira.Url}/browse/OKR-1"), (created.TargetTitle, created.TargetUrl));
        Assert.Equal(created, await (await _manager.GetAsync($"/api/links/{created.Id}")).ReadAsync<LinkResponse>());
    }

    [Fact]
    public async Task A_missing_epic_is_400_on_the_target_and_nothing_is_stored()
    {
        var (keyResult, connector) = await SetUpAsync();
        _jira.IssueAnswer("OKR-404", 404, JiraStub.Fixture("error.issue-not-found.json"));

        var problem = await (await Link(keyResult, connector, "jira-epic", "OKR-404")).ReadProblemAsync(HttpStatusCode.BadRequest);

        // The Jira connector words Jira's 404 ("Issue does not exist or you do not have permission to see it.") itself.
        Assert.Contains("OKR-404 does not exist or the connector's account cannot see it", Assert.Single(problem.Errors("targetKey")), StringComparison.Ordinal);
        await AssertNoLinksAsync(keyResult);
    }

    [Fact]
    public async Task An_issue_that_is_not_an_epic_is_400()
    {
        var (keyResult, connector) = await SetUpAsync();
        _jira.Issue("OKR-101", "issue.story.json");

        var problem = await (await Link(keyResult, connector, "jira-epic", "OKR-101")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("OKR-101 is a Story, not an epic", Assert.Single(problem.Errors("targetKey")), StringComparison.Ordinal);
        await AssertNoLinksAsync(keyResult);
    }

    [Fact]
    public async Task A_query_jira_refuses_is_400_with_jiras_error_messages()
    {
        var (keyResult, connector) = await SetUpAsync();
        _jira.JqlParse("project = OKR AND", "jql-parse.errors.json");

        var problem = await (await Link(keyResult, connector, "jira-jql", "project = OKR AND")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains(
            "Error in the JQL Query: Expecting either 'NOT' or a field name but got the end of the query.",
            Assert.Single(problem.Errors("targetKey")),
            StringComparison.Ordinal);
        await AssertNoLinksAsync(keyResult);
    }

    [Fact]
    public async Task A_query_jira_accepts_is_linked()
    {
        var (keyResult, connector) = await SetUpAsync();
        const string jql = "project = OKR AND labels = okr ORDER BY rank";
        _jira.JqlParse(jql, "jql-parse.ok.json");

        var created = await (await Link(keyResult, connector, "jira-jql", jql)).ReadAsync<LinkResponse>(HttpStatusCode.Created);

        Assert.Equal(jql, created.TargetTitle);
        Assert.StartsWith($"{_jira.Url}/issues/?jql=", created.TargetUrl, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_tracker_that_cannot_be_asked_is_503_and_nothing_is_stored()
    {
        var (keyResult, connector) = await SetUpAsync();

        // A Retry-After longer than the connector waits inline: it gives up at once, as rate-limited.
        _jira.IssueAnswer("OKR-1", 429, JiraStub.Fixture("error.rate-limited.json"), ("Retry-After", "3600"));

        var problem = await (await Link(keyResult, connector, "jira-epic", "OKR-1")).ReadProblemAsync(HttpStatusCode.ServiceUnavailable);

        Assert.StartsWith("could not verify the target with the tracker: ", problem.Detail(), StringComparison.Ordinal);
        Assert.EndsWith(", try again", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains("rate limited", problem.Detail(), StringComparison.Ordinal);
        await AssertNoLinksAsync(keyResult);
    }

    [Fact]
    public async Task A_kind_without_an_installed_tracker_is_linked_as_given_without_asking()
    {
        var keyResult = await WorkKeyResultAsync();
        var connector = await _admin.UninstalledConnectorAsync();

        var created = await (await Link(keyResult, connector, "test-item", "ANY-1")).ReadAsync<LinkResponse>(HttpStatusCode.Created);

        Assert.Equal(((string?)null, (string?)null), (created.TargetTitle, created.TargetUrl));
        Assert.Equal(0, _jira.Requests);
    }

    [Fact]
    public async Task A_duplicate_is_refused_before_the_tracker_is_asked_again()
    {
        var (keyResult, connector) = await SetUpAsync();
        _jira.Issue("OKR-1");
        await (await Link(keyResult, connector, "jira-epic", "OKR-1")).ReadAsync<LinkResponse>(HttpStatusCode.Created);

        await (await Link(keyResult, connector, "jira-epic", "OKR-1")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Equal(1, _jira.Requests);
    }

    private Task<HttpResponseMessage> Link(Guid keyResult, ConnectorResponse connector, string targetKind, string targetKey) =>
        _manager.PostJsonAsync($"/api/key-results/{keyResult}/links", new { connectorId = connector.Id, targetKind, targetKey });

    private async Task AssertNoLinksAsync(Guid keyResult) =>
        Assert.Equal(0, (await (await _manager.GetAsync($"/api/key-results/{keyResult}/links")).ReadAsync<PageOf<LinkResponse>>()).Total);

    private async Task<(Guid KeyResult, ConnectorResponse Connector)> SetUpAsync() =>
        (await WorkKeyResultAsync(), await _admin.ConnectorAsync(baseUrl: _jira.Url));

    private async Task<Guid> WorkKeyResultAsync()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        return (await _seed.KeyResultAsync(objective.Id)).Id;
    }
}
