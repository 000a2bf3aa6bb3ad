using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class KeyResultsApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice"));

    [Fact]
    public async Task Create_read_update_list_and_delete_a_key_result()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);

        var created = await (await _manager.PostJsonAsync($"/api/objectives/{objective.Id}/key-results", new
        {
            title = "Cut open P1 bugs",
            type = "aspirational",
            measure = "metric",
            metricStart = 120,
            metricTarget = 20,
            unit = "bugs",
        })).ReadAsync<KeyResultResponse>(HttpStatusCode.Created);

        Assert.Equal(("alice", KeyResultType.Aspirational, 1.0, (double?)null), (created.Owner, created.Type, created.Weight, created.MetricCurrent));
        Assert.Equal(created, await (await _manager.GetAsync($"/api/key-results/{created.Id}")).ReadAsync<KeyResultResponse>());

        var updated = await (await _manager.PatchJsonAsync($"/api/key-results/{created.Id}", new { owner = "bob", metricTarget = 10, weight = 3 }))
            .ReadAsync<KeyResultResponse>();
        Assert.Equal(created with { Owner = "bob", MetricTarget = 10, Weight = 3 }, updated);

        var list = await (await _manager.GetAsync($"/api/objectives/{objective.Id}/key-results")).ReadAsync<PageOf<KeyResultResponse>>();
        Assert.Equal(updated, Assert.Single(list.Items));

        Assert.Equal(HttpStatusCode.NoContent, (await _manager.DeleteAsync($"/api/key-results/{created.Id}")).StatusCode);
        await (await _manager.GetAsync($"/api/key-results/{created.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Enums_are_written_as_kebab_case_strings()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var keyResult = await _seed.KeyResultAsync(objective.Id, measure: MeasureKind.Children);

        var json = await (await _manager.GetAsync($"/api/key-results/{keyResult.Id}")).Content.ReadAsStringAsync();

        Assert.Contains("\"type\":\"committed\"", json, StringComparison.Ordinal);
        Assert.Contains("\"measure\":\"children\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_metric_key_result_without_a_target_is_400_and_nothing_is_written()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);

        var problem = await (await _manager.PostJsonAsync($"/api/objectives/{objective.Id}/key-results", new { title = "Faster", measure = "metric", metricStart = 5 }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.Errors("metricTarget"));
        Assert.Contains("metricTarget", problem.Detail(), StringComparison.Ordinal);
        await AssertNoKeyResultsAsync(objective.Id);
    }

    [Fact]
    public async Task Metric_values_on_a_work_key_result_and_a_zero_weight_are_400()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);

        var problem = await (await _manager.PostJsonAsync($"/api/objectives/{objective.Id}/key-results", new { title = "x", metricTarget = 5, weight = 0 }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.Errors("metricTarget"));
        Assert.Single(problem.Errors("weight"));
        await AssertNoKeyResultsAsync(objective.Id);
    }

    [Fact]
    public async Task A_bad_type_is_400_listing_the_allowed_values()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);

        var problem = await (await _manager.PostJsonAsync($"/api/objectives/{objective.Id}/key-results", new { title = "x", type = "mandatory" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var patch = await (await _manager.PatchJsonAsync($"/api/key-results/{(await _seed.KeyResultAsync(objective.Id)).Id}", new { measure = "vibes" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["type must be one of: committed, aspirational."], problem.Errors("type"));
        Assert.Equal(["measure must be one of: work, metric, children."], patch.Errors("measure"));
    }

    [Fact]
    public async Task A_work_key_result_with_links_keeps_its_measure()
    {
        var admin = new OkrSeed(factory.CreateClientFor(Role.Admin, "ada"));
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var keyResult = await _seed.KeyResultAsync(objective.Id);
        await _seed.LinkAsync(keyResult.Id, (await admin.UninstalledConnectorAsync()).Id);

        var problem = await (await _manager.PatchJsonAsync($"/api/key-results/{keyResult.Id}", new { measure = "metric", metricStart = 0, metricTarget = 1 }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("link", Assert.Single(problem.Errors("measure")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Key_results_of_an_unknown_objective_are_404()
    {
        var id = Guid.NewGuid();

        var problem = await (await _manager.PostJsonAsync($"/api/objectives/{id}/key-results", new { title = "x" })).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal($"Objective {id} does not exist.", problem.Detail());
    }

    private async Task AssertNoKeyResultsAsync(Guid objectiveId)
    {
        var list = await (await _manager.GetAsync($"/api/objectives/{objectiveId}/key-results")).ReadAsync<PageOf<KeyResultResponse>>();
        Assert.Equal(0, list.Total);
    }
}
