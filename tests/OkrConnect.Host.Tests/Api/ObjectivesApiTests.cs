using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Objectives;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class ObjectivesApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice"));

    [Fact]
    public async Task Create_read_update_and_delete_an_objective()
    {
        var cycle = await _seed.CycleAsync();

        var created = await (await _manager.PostJsonAsync("/api/objectives", new
        {
            cycleId = cycle.Id,
            title = "Delight customers",
            description = "NPS up",
            level = "company",
        })).ReadAsync<ObjectiveResponse>(HttpStatusCode.Created);

        Assert.Equal(("alice", Visibility.Public, 1.0, ObjectiveLevel.Company), (created.Owner, created.Visibility, created.Weight, created.Level));
        Assert.Equal(created, await (await _manager.GetAsync($"/api/objectives/{created.Id}")).ReadAsync<ObjectiveResponse>());

        var updated = await (await _manager.PatchJsonAsync($"/api/objectives/{created.Id}", new { title = "Delight every customer", description = (string?)null, weight = 2 }))
            .ReadAsync<ObjectiveResponse>();
        Assert.Equal(created with { Title = "Delight every customer", Description = null, Weight = 2 }, updated);

        Assert.Equal(HttpStatusCode.NoContent, (await _manager.DeleteAsync($"/api/objectives/{created.Id}")).StatusCode);
        await (await _manager.GetAsync($"/api/objectives/{created.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Objectives_of_a_cycle_are_listed_and_paged()
    {
        var cycle = await _seed.CycleAsync();
        for (var i = 0; i < 3; i++)
        {
            await _seed.ObjectiveAsync(cycle.Id, $"objective {i}");
        }

        var page = await (await _manager.GetAsync($"/api/objectives?cycleId={cycle.Id}&offset=1&limit=1")).ReadAsync<PageOf<ObjectiveResponse>>();

        Assert.Equal((1, 1, 1, 3L), (page.Items.Count, page.Offset, page.Limit, page.Total));
        Assert.Equal("objective 1", page.Items[0].Title);
    }

    [Fact]
    public async Task Listing_needs_a_cycle()
    {
        var problem = await (await _manager.GetAsync("/api/objectives")).ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["cycleId is required."], problem.Errors("cycleId"));
    }

    [Fact]
    public async Task A_missing_title_and_a_bad_enum_are_400_and_nothing_is_written()
    {
        var cycle = await _seed.CycleAsync();

        var missingTitle = await (await _manager.PostJsonAsync("/api/objectives", new { cycleId = cycle.Id, level = "team", weight = 0 }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var badEnum = await (await _manager.PostJsonAsync("/api/objectives", new { cycleId = cycle.Id, title = "x", level = "galactic" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["title is required."], missingTitle.Errors("title"));
        Assert.Single(missingTitle.Errors("weight"));
        Assert.Equal(["level must be one of: company, team, individual."], badEnum.Errors("level"));
        await AssertNoObjectivesAsync(cycle.Id);
    }

    [Fact]
    public async Task A_team_objective_must_name_its_team()
    {
        var cycle = await _seed.CycleAsync();

        var problem = await (await _manager.PostJsonAsync("/api/objectives", new { cycleId = cycle.Id, title = "x", level = "team", visibility = "team" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.Errors("team"));
        await AssertNoObjectivesAsync(cycle.Id);
    }

    [Fact]
    public async Task An_unknown_cycle_or_parent_key_result_is_400()
    {
        var problem = await (await _manager.PostJsonAsync("/api/objectives", new { cycleId = Guid.NewGuid(), title = "x", level = "team", parentKeyResultId = Guid.NewGuid() }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.Errors("cycleId"));
        Assert.Single(problem.Errors("parentKeyResultId"));
    }

    [Fact]
    public async Task Alignment_that_would_form_a_loop_is_400_and_changes_nothing()
    {
        var cycle = await _seed.CycleAsync();
        var top = await _seed.ObjectiveAsync(cycle.Id, "Top");
        var topKeyResult = await _seed.KeyResultAsync(top.Id, measure: MeasureKind.Children);
        var middle = await _seed.ObjectiveAsync(cycle.Id, "Middle", parentKeyResultId: topKeyResult.Id);
        var middleKeyResult = await _seed.KeyResultAsync(middle.Id, measure: MeasureKind.Children);

        var response = await _manager.PatchJsonAsync($"/api/objectives/{top.Id}", new { parentKeyResultId = middleKeyResult.Id, title = "renamed" });
        var selfLoop = await _manager.PatchJsonAsync($"/api/objectives/{top.Id}", new { parentKeyResultId = topKeyResult.Id });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("loop", Assert.Single(problem.Errors("parentKeyResultId")), StringComparison.Ordinal);
        Assert.Contains("'Middle' → 'Top' (this objective)", problem.Detail(), StringComparison.Ordinal);
        await selfLoop.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(top, await (await _manager.GetAsync($"/api/objectives/{top.Id}")).ReadAsync<ObjectiveResponse>());
    }

    [Fact]
    public async Task Aligning_to_a_key_result_of_another_objective_works()
    {
        var cycle = await _seed.CycleAsync();
        var top = await _seed.ObjectiveAsync(cycle.Id, "Top");
        var keyResult = await _seed.KeyResultAsync(top.Id, measure: MeasureKind.Children);
        var team = await _seed.ObjectiveAsync(cycle.Id, "Team");

        var aligned = await (await _manager.PatchJsonAsync($"/api/objectives/{team.Id}", new { parentKeyResultId = keyResult.Id })).ReadAsync<ObjectiveResponse>();
        var cleared = await (await _manager.PatchJsonAsync($"/api/objectives/{team.Id}", new { parentKeyResultId = (Guid?)null })).ReadAsync<ObjectiveResponse>();

        Assert.Equal(keyResult.Id, aligned.ParentKeyResultId);
        Assert.Null(cleared.ParentKeyResultId);
    }

    [Fact]
    public async Task Members_and_viewers_cannot_write_objectives()
    {
        var cycle = await _seed.CycleAsync();
        var objective = await _seed.ObjectiveAsync(cycle.Id);
        var member = factory.CreateClientFor(Role.Member, "mia");

        await (await member.PostJsonAsync("/api/objectives", new { cycleId = cycle.Id, title = "x", level = "team" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await member.PatchJsonAsync($"/api/objectives/{objective.Id}", new { title = "x" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await member.DeleteAsync($"/api/objectives/{objective.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task Writes_under_a_closed_cycle_are_409()
    {
        var cycle = await _seed.CycleAsync();
        var objective = await _seed.ObjectiveAsync(cycle.Id);
        var keyResult = await _seed.KeyResultAsync(objective.Id);
        await (await _manager.PatchJsonAsync($"/api/cycles/{cycle.Id}", new { state = "closed" })).ReadAsync<object>();

        await (await _manager.PostJsonAsync("/api/objectives", new { cycleId = cycle.Id, title = "late", level = "team" })).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _manager.PatchJsonAsync($"/api/objectives/{objective.Id}", new { title = "late" })).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _manager.DeleteAsync($"/api/objectives/{objective.Id}")).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _manager.PostJsonAsync($"/api/objectives/{objective.Id}/key-results", new { title = "late" })).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _manager.PatchJsonAsync($"/api/key-results/{keyResult.Id}", new { title = "late" })).ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _manager.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 5, status = "on-track" })).ReadProblemAsync(HttpStatusCode.Conflict);

        var objectives = await (await _manager.GetAsync($"/api/objectives?cycleId={cycle.Id}")).ReadAsync<PageOf<ObjectiveResponse>>();
        Assert.Equal(objective, Assert.Single(objectives.Items));
    }

    [Fact]
    public async Task Objectives_cannot_align_to_or_move_away_from_a_key_result_of_a_closed_cycle()
    {
        var closedCycle = await _seed.CycleAsync();
        var frozen = await _seed.KeyResultAsync((await _seed.ObjectiveAsync(closedCycle.Id, "Last quarter")).Id, measure: MeasureKind.Children);
        var openCycle = await _seed.CycleAsync();
        var alignedBefore = await _seed.ObjectiveAsync(openCycle.Id, "Carried over", parentKeyResultId: frozen.Id);
        var elsewhere = await _seed.KeyResultAsync((await _seed.ObjectiveAsync(openCycle.Id, "This quarter")).Id, measure: MeasureKind.Children);
        var free = await _seed.ObjectiveAsync(openCycle.Id, "Free");
        await (await _manager.PatchJsonAsync($"/api/cycles/{closedCycle.Id}", new { state = "closed" })).ReadAsync<object>();

        var create = await (await _manager.PostJsonAsync("/api/objectives", new { cycleId = openCycle.Id, title = "New", level = "team", parentKeyResultId = frozen.Id }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        var moveInto = await (await _manager.PatchJsonAsync($"/api/objectives/{free.Id}", new { parentKeyResultId = frozen.Id }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        var moveOut = await (await _manager.PatchJsonAsync($"/api/objectives/{alignedBefore.Id}", new { parentKeyResultId = elsewhere.Id }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        var unalign = await (await _manager.PatchJsonAsync($"/api/objectives/{alignedBefore.Id}", new { parentKeyResultId = (Guid?)null }))
            .ReadProblemAsync(HttpStatusCode.Conflict);

        foreach (var problem in new[] { create, moveInto })
        {
            Assert.Contains($"cannot be aligned to key result {frozen.Id}", problem.Detail(), StringComparison.Ordinal);
            Assert.Contains("which is closed", problem.Detail(), StringComparison.Ordinal);
        }

        foreach (var problem in new[] { moveOut, unalign })
        {
            Assert.Contains($"cannot be moved away from key result {frozen.Id}", problem.Detail(), StringComparison.Ordinal);
        }

        var objectives = await (await _manager.GetAsync($"/api/objectives?cycleId={openCycle.Id}")).ReadAsync<PageOf<ObjectiveResponse>>();
        Assert.Equal(3, objectives.Total);
        Assert.Equal(frozen.Id, objectives.Items.Single(o => o.Id == alignedBefore.Id).ParentKeyResultId);
        Assert.Null(objectives.Items.Single(o => o.Id == free.Id).ParentKeyResultId);

        // Other edits of an objective aligned to a closed cycle's key result still work.
        var renamed = await (await _manager.PatchJsonAsync($"/api/objectives/{alignedBefore.Id}", new { title = "Carried over, renamed" })).ReadAsync<ObjectiveResponse>();
        Assert.Equal(frozen.Id, renamed.ParentKeyResultId);
    }

    [Fact]
    public async Task An_objective_with_aligned_objectives_below_it_cannot_be_deleted()
    {
        var cycle = await _seed.CycleAsync();
        var top = await _seed.ObjectiveAsync(cycle.Id, "Top");
        var keyResult = await _seed.KeyResultAsync(top.Id, measure: MeasureKind.Children);
        await _seed.ObjectiveAsync(cycle.Id, "Below", parentKeyResultId: keyResult.Id);

        var problem = await (await _manager.DeleteAsync($"/api/objectives/{top.Id}")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("align", problem.Detail(), StringComparison.Ordinal);
    }

    private async Task AssertNoObjectivesAsync(Guid cycleId)
    {
        var list = await (await _manager.GetAsync($"/api/objectives?cycleId={cycleId}")).ReadAsync<PageOf<ObjectiveResponse>>();
        Assert.Equal(0, list.Total);
    }
}
