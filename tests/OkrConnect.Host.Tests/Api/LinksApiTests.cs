using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Connectors;
using OkrConnect.Host.Api.Links;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class LinksApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>, IDisposable
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice"));
    private readonly OkrSeed _admin = new(factory.CreateClientFor(Role.Admin, "ada"));
    private readonly JiraStub _jira = new();

    public void Dispose() => _jira.Dispose();

    [Fact]
    public async Task Create_read_update_list_and_delete_a_link()
    {
        var keyResult = await WorkKeyResultAsync();
        var connector = await JiraConnectorAsync();
        _jira.Issue("PROJ-12");

        var created = await (await _manager.PostJsonAsync($"/api/key-results/{keyResult}/links", new
        {
            connectorId = connector.Id,
            targetKind = "jira-epic",
            targetKey = "PROJ-12",
            model = "status-weighted",
        })).ReadAsync<LinkResponse>(HttpStatusCode.Created);

        // The title is Jira's, read when the link was created (it was null until the first sync before).
        Assert.Equal((1.0, ProgressModel.StatusWeighted, WriteBackMode.Comment, (string?)"Checkout revamp"), (created.Weight, created.Model, created.WriteBack, created.TargetTitle));
        Assert.Equal(created, await (await _manager.GetAsync($"/api/links/{created.Id}")).ReadAsync<LinkResponse>());

        var updated = await (await _manager.PatchJsonAsync($"/api/links/{created.Id}", new { weight = 2.5, writeBack = "none" })).ReadAsync<LinkResponse>();
        Assert.Equal(created with { Weight = 2.5, WriteBack = WriteBackMode.None }, updated);

        var list = await (await _manager.GetAsync($"/api/key-results/{keyResult}/links")).ReadAsync<PageOf<LinkResponse>>();
        Assert.Equal(updated, Assert.Single(list.Items));

        Assert.Equal(HttpStatusCode.NoContent, (await _manager.DeleteAsync($"/api/links/{created.Id}")).StatusCode);
        await (await _manager.GetAsync($"/api/links/{created.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task A_link_on_a_metric_key_result_is_400_and_nothing_is_written()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var metric = await _seed.MetricAsync(objective.Id, 10);
        var connector = await JiraConnectorAsync();

        var problem = await (await _manager.PostJsonAsync($"/api/key-results/{metric.Id}/links", new { connectorId = connector.Id, targetKind = "jira-epic", targetKey = "PROJ-1" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("Only work key results take links", problem.Detail(), StringComparison.Ordinal);
        var list = await (await _manager.GetAsync($"/api/key-results/{metric.Id}/links")).ReadAsync<PageOf<LinkResponse>>();
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task An_unknown_connector_a_bad_model_and_missing_target_are_400()
    {
        var keyResult = await WorkKeyResultAsync();

        var unknown = await (await _manager.PostJsonAsync($"/api/key-results/{keyResult}/links", new { connectorId = Guid.NewGuid(), targetKind = "Jira Epic" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var badModel = await (await _manager.PostJsonAsync($"/api/key-results/{keyResult}/links", new { connectorId = Guid.NewGuid(), targetKind = "jira-epic", targetKey = "P-1", model = "magic" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(unknown.Errors("connectorId"));
        Assert.Single(unknown.Errors("targetKind"));
        Assert.Single(unknown.Errors("targetKey"));
        Assert.Equal(["model must be one of: count, points, status-weighted."], badModel.Errors("model"));
        Assert.Equal(0, (await (await _manager.GetAsync($"/api/key-results/{keyResult}/links")).ReadAsync<PageOf<LinkResponse>>()).Total);
    }

    [Fact]
    public async Task The_same_target_twice_is_409()
    {
        var keyResult = await WorkKeyResultAsync();
        var connector = await JiraConnectorAsync();
        _jira.Issue("PROJ-7");
        await _seed.LinkAsync(keyResult, connector.Id, "PROJ-7");

        var problem = await (await _manager.PostJsonAsync($"/api/key-results/{keyResult}/links", new { connectorId = connector.Id, targetKind = "jira-epic", targetKey = "PROJ-7" }))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("already links", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Members_cannot_write_links()
    {
        var keyResult = await WorkKeyResultAsync();
        var member = factory.CreateClientFor(Role.Member, "mia");

        await (await member.PostJsonAsync($"/api/key-results/{keyResult}/links", new { connectorId = Guid.NewGuid(), targetKind = "jira-epic", targetKey = "P-1" }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    private Task<ConnectorResponse> JiraConnectorAsync() => _admin.ConnectorAsync(baseUrl: _jira.Url);

    private async Task<Guid> WorkKeyResultAsync()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        return (await _seed.KeyResultAsync(objective.Id)).Id;
    }
}
