using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

public sealed class DecompositionTests : IClassFixture<PracticeFactory>
{
    private readonly PracticeFactory _factory;
    private readonly HttpClient _manager;
    private readonly Seed _seed;

    public DecompositionTests(PracticeFactory factory)
    {
        _factory = factory;
        _manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        _seed = new Seed(_manager);
    }

    [Fact]
    public async Task Decomposing_creates_aligned_objectives_and_the_key_result_rolls_up_from_them()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var company = await _seed.ObjectiveAsync(cycle.Id(), "Company");
        var revenue = await _seed.KeyResultAsync(company.Id(), "Revenue", "metric", start: 0, target: 100, current: 5, unit: "k€");

        var result = await (await _manager.PostJsonAsync($"/api/key-results/{revenue.Id()}/decompose", new
        {
            objectives = new object[]
            {
                new { title = "Web revenue", team = "web" },
                new { title = "Mobile revenue", team = "mobile", visibility = "team", level = "team", owner = "mo", weight = 2 },
            },
        })).ReadAsync(HttpStatusCode.Created);

        var keyResult = result.Get("keyResult");
        Assert.Equal("children", keyResult.Str("measure"));
        Assert.Null(keyResult.Num("metricTarget"));
        var children = result.Items("objectives");
        Assert.Equal(["Web revenue", "Mobile revenue"], children.Select(c => c.Str("title")));
        Assert.All(children, c => Assert.Equal(revenue.Id(), c.Get("parentKeyResultId").GetGuid()));
        Assert.Equal(("web", "web", "public"), (children[0].Str("owner"), children[0].Str("team"), children[0].Str("visibility")));
        Assert.Equal(("mo", "team", 2.0), (children[1].Str("owner"), children[1].Str("visibility"), children[1].Num("weight")!.Value));

        await _seed.MetricAsync(children[0].Id(), 40);
        await new Seed(_factory.CreateClientFor(Role.Manager, "mona", "mobile")).MetricAsync(children[1].Id(), 70);
        var progress = await _manager.GetJsonAsync($"/api/key-results/{revenue.Id()}/progress");

        // Weighted by the objectives' weights: (0.4 × 1 + 0.7 × 2) ÷ 3.
        Assert.Equal((0.4 + 1.4) / 3, progress.Num("value")!.Value, 10);
    }

    [Fact]
    public async Task Bad_input_is_a_400_naming_every_problem_and_writes_nothing()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var company = await _seed.ObjectiveAsync(cycle.Id(), "Company");
        var revenue = await _seed.MetricAsync(company.Id(), 30, "Revenue");

        var problem = await (await _manager.PostJsonAsync($"/api/key-results/{revenue.Id()}/decompose", new
        {
            objectives = new object[]
            {
                new { title = "Fine" },
                new { title = " ", visibility = "team" },
                new { title = "Heavy", weight = -1 },
            },
        })).ReadAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["objectives[1].title", "objectives[1].team", "objectives[2].weight"], problem.ErrorFields());
        var unchanged = await _manager.GetJsonAsync($"/api/key-results/{revenue.Id()}");
        Assert.Equal("metric", unchanged.Str("measure"));
        var objectives = await _manager.GetJsonAsync($"/api/objectives?cycleId={cycle.Id()}");
        Assert.Equal(1, objectives.Get("total").GetInt32());
    }

    [Fact]
    public async Task An_empty_list_or_a_key_result_with_links_is_refused()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var objective = await _seed.ObjectiveAsync(cycle.Id());
        var work = await _seed.KeyResultAsync(objective.Id());
        var connector = await new Seed(_factory.CreateClientFor(Role.Admin, "root")).UninstalledConnectorAsync();
        await _seed.LinkAsync(work.Id(), connector.Id());

        var metric = await _seed.MetricAsync(objective.Id(), 10);
        var empty = await (await _manager.PostJsonAsync($"/api/key-results/{metric.Id()}/decompose", new { objectives = Array.Empty<object>() }))
            .ReadAsync(HttpStatusCode.BadRequest);
        var linked = await (await _manager.PostJsonAsync($"/api/key-results/{work.Id()}/decompose", new { objectives = new[] { new { title = "Team" } } }))
            .ReadAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["objectives"], empty.ErrorFields());
        Assert.Equal(["keyResult"], linked.ErrorFields());
    }

    [Fact]
    public async Task A_closed_cycle_is_409_and_members_are_403()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-90), _factory.Today.AddDays(-1));
        var objective = await _seed.ObjectiveAsync(cycle.Id());
        var keyResult = await _seed.MetricAsync(objective.Id(), 10);
        var member = _factory.CreateClientFor(Role.Member, "wes", "web");
        var body = new { objectives = new[] { new { title = "Team" } } };

        await (await member.PostJsonAsync($"/api/key-results/{keyResult.Id()}/decompose", body)).ReadAsync(HttpStatusCode.Forbidden);
        await (await _manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync();
        await (await _manager.PostJsonAsync($"/api/key-results/{keyResult.Id()}/decompose", body)).ReadAsync(HttpStatusCode.Conflict);
    }
}
