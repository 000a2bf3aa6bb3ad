using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Cycles;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class CyclesApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");
    private readonly HttpClient _viewer = factory.CreateClientFor(Role.Viewer, "victor");

    [Fact]
    public async Task A_manager_creates_a_cycle_that_anyone_reads()
    {
        var response = await _manager.PostJsonAsync("/api/cycles", new { name = "2026-Q4", startDate = "2026-10-01", endDate = "2026-12-31" });

        var created = await response.ReadAsync<CycleResponse>(HttpStatusCode.Created);
        Assert.Equal($"/api/cycles/{created.Id}", response.Headers.Location?.OriginalString);
        Assert.Equal(CycleState.Planning, created.State);
        Assert.Contains("\"state\":\"planning\"", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var read = await (await _viewer.GetAsync($"/api/cycles/{created.Id}")).ReadAsync<CycleResponse>();
        Assert.Equal(created, read);
    }

    [Fact]
    public async Task A_viewer_cannot_create_a_cycle()
    {
        var response = await _viewer.PostJsonAsync("/api/cycles", new { name = "nope", startDate = "2026-10-01", endDate = "2026-12-31" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("manager", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Bad_input_is_400_naming_every_field_and_writes_nothing()
    {
        using var fresh = OkrConnectFactory.Create(new OkrConnectFactoryOptions());
        var manager = fresh.CreateClientFor(Role.Manager, "alice");

        var response = await manager.PostJsonAsync("/api/cycles", new { startDate = "2026-12-31", endDate = "2026-10-01", state = "closed" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("name is required.", problem.Errors("name"));
        Assert.Single(problem.Errors("endDate"));
        Assert.Single(problem.Errors("state"));
        var list = await (await manager.GetAsync("/api/cycles")).ReadAsync<PageOf<CycleResponse>>();
        Assert.Equal(0, list.Total);
    }

    [Fact]
    public async Task A_malformed_date_is_400_saying_the_expected_format()
    {
        var response = await _manager.PostJsonAsync("/api/cycles", new { name = "x", startDate = "1st of October", endDate = "2026-12-31" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["startDate must be a date in the form YYYY-MM-DD."], problem.Errors("startDate"));
    }

    [Fact]
    public async Task Lists_are_paged_with_offset_limit_and_total()
    {
        using var fresh = OkrConnectFactory.Create(new OkrConnectFactoryOptions());
        var manager = fresh.CreateClientFor(Role.Manager, "alice");
        var seed = new OkrSeed(manager);
        for (var i = 0; i < 3; i++)
        {
            await seed.CycleAsync(start: OkrSeed.Today.AddDays(i));
        }

        var first = await (await manager.GetAsync("/api/cycles?limit=2")).ReadAsync<PageOf<CycleResponse>>();
        var second = await (await manager.GetAsync("/api/cycles?offset=2&limit=2")).ReadAsync<PageOf<CycleResponse>>();
        var defaults = await (await manager.GetAsync("/api/cycles")).ReadAsync<PageOf<CycleResponse>>();

        Assert.Equal((2, 0, 2, 3L), (first.Items.Count, first.Offset, first.Limit, first.Total));
        Assert.Equal((1, 2, 2, 3L), (second.Items.Count, second.Offset, second.Limit, second.Total));
        Assert.Equal(50, defaults.Limit);
        Assert.Empty(first.Items.Select(c => c.Id).Intersect(second.Items.Select(c => c.Id)));
    }

    [Theory]
    [InlineData("limit=201", "limit")]
    [InlineData("limit=0", "limit")]
    [InlineData("offset=-1", "offset")]
    public async Task Paging_out_of_range_is_400(string query, string field)
    {
        var problem = await (await _viewer.GetAsync($"/api/cycles?{query}")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.Errors(field));
    }

    [Fact]
    public async Task Patch_changes_only_the_fields_sent_and_moves_state_forward()
    {
        var cycle = await new OkrSeed(_manager).CycleAsync(CycleState.Planning);

        var renamed = await (await _manager.PatchJsonAsync($"/api/cycles/{cycle.Id}", new { name = "renamed", state = "active" }))
            .ReadAsync<CycleResponse>();

        Assert.Equal(cycle with { Name = "renamed", State = CycleState.Active }, renamed);
    }

    [Fact]
    public async Task State_never_moves_backwards()
    {
        var cycle = await new OkrSeed(_manager).CycleAsync(CycleState.Active);

        var problem = await (await _manager.PatchJsonAsync($"/api/cycles/{cycle.Id}", new { state = "planning" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Contains("only moves forward", Assert.Single(problem.Errors("state")), StringComparison.Ordinal);
        Assert.Equal(CycleState.Active, (await (await _manager.GetAsync($"/api/cycles/{cycle.Id}")).ReadAsync<CycleResponse>()).State);
    }

    [Fact]
    public async Task Closing_by_patch_records_the_scores_and_makes_the_cycle_read_only()
    {
        var seed = new OkrSeed(_manager);
        var cycle = await seed.CycleAsync(CycleState.Active);
        var keyResult = await seed.MetricAsync((await seed.ObjectiveAsync(cycle.Id)).Id, 64);

        var closed = await (await _manager.PatchJsonAsync($"/api/cycles/{cycle.Id}", new { state = "closed", name = "closing name" })).ReadAsync<CycleResponse>();

        Assert.Equal((CycleState.Closed, "closing name"), (closed.State, closed.Name));
        Assert.NotNull(closed.ClosedAt);
        var score = Assert.Single(await factory.Services.GetRequiredService<IKeyResultScoreRepository>().ListByCycleAsync(cycle.Id));
        Assert.Equal(keyResult.Id, score.Score.KeyResultId);
        Assert.Equal(0.6, score.Score.Computed);

        var rename = await _manager.PatchJsonAsync($"/api/cycles/{cycle.Id}", new { name = "again" });

        var problem = await rename.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("closed", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_cycle_is_404_problem()
    {
        var id = Guid.NewGuid();

        var problem = await (await _viewer.GetAsync($"/api/cycles/{id}")).ReadProblemAsync(HttpStatusCode.NotFound);

        Assert.Equal($"Cycle {id} does not exist.", problem.Detail());
    }
}
