using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Cycles;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.Map;
using OkrConnect.Host.Api.Objectives;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>A team or private objective does not exist (404, absent from lists and the map) for anyone outside it.</summary>
public sealed class VisibilityTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice", "web"));
    private readonly HttpClient _outsider = factory.CreateClientFor(Role.Manager, "oscar", "mobile");
    private readonly HttpClient _teamMember = factory.CreateClientFor(Role.Member, "wendy", "web");
    private readonly HttpClient _admin = factory.CreateClientFor(Role.Admin, "ada");

    [Fact]
    public async Task A_team_objective_and_everything_under_it_is_404_outside_the_team()
    {
        var (cycle, objective, keyResult) = await TeamObjectiveAsync();

        foreach (var url in new[]
        {
            $"/api/objectives/{objective.Id}",
            $"/api/objectives/{objective.Id}/key-results",
            $"/api/objectives/{objective.Id}/progress",
            $"/api/key-results/{keyResult.Id}",
            $"/api/key-results/{keyResult.Id}/links",
            $"/api/key-results/{keyResult.Id}/check-ins",
            $"/api/key-results/{keyResult.Id}/progress",
            $"/api/key-results/{keyResult.Id}/progress/history",
        })
        {
            var problem = await (await _outsider.GetAsync(url)).ReadProblemAsync(HttpStatusCode.NotFound);
            Assert.EndsWith("does not exist.", problem.Detail(), StringComparison.Ordinal);
        }

        await (await _outsider.PatchJsonAsync($"/api/objectives/{objective.Id}", new { title = "mine now" })).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _outsider.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 5, status = "on-track" }))
            .ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListAsync(_outsider, cycle.Id));
        Assert.Empty((await MapAsync(_outsider, cycle.Id)).Objectives);
    }

    [Fact]
    public async Task Team_members_and_admins_see_a_team_objective()
    {
        var (cycle, objective, keyResult) = await TeamObjectiveAsync();

        foreach (var client in new[] { _teamMember, _admin })
        {
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/objectives/{objective.Id}")).StatusCode);
            Assert.Equal(HttpStatusCode.OK, (await client.GetAsync($"/api/key-results/{keyResult.Id}/progress")).StatusCode);
            Assert.Equal(objective.Id, Assert.Single(await ListAsync(client, cycle.Id)).Id);
            Assert.Equal(objective.Id, Assert.Single((await MapAsync(client, cycle.Id)).Objectives).Id);
        }
    }

    [Fact]
    public async Task A_private_objective_exists_only_for_its_owner_and_admins()
    {
        var cycle = await _seed.CycleAsync();
        var objective = await _seed.ObjectiveAsync(cycle.Id, "My secret plan", Visibility.Private, owner: "wendy");
        var otherMember = factory.CreateClientFor(Role.Member, "walter", "web");

        await (await otherMember.GetAsync($"/api/objectives/{objective.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Empty(await ListAsync(otherMember, cycle.Id));
        Assert.Empty((await MapAsync(otherMember, cycle.Id)).Objectives);

        Assert.Equal(HttpStatusCode.OK, (await _teamMember.GetAsync($"/api/objectives/{objective.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await _admin.GetAsync($"/api/objectives/{objective.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_hidden_key_result_cannot_be_used_as_a_parent()
    {
        var (cycle, _, keyResult) = await TeamObjectiveAsync();

        var problem = await (await _outsider.PostJsonAsync("/api/objectives", new { cycleId = cycle.Id, title = "x", level = "team", parentKeyResultId = keyResult.Id }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([$"Key result {keyResult.Id} does not exist."], problem.Errors("parentKeyResultId"));
    }

    private async Task<(CycleResponse Cycle, ObjectiveResponse Objective, KeyResultResponse KeyResult)> TeamObjectiveAsync()
    {
        var cycle = await _seed.CycleAsync();
        var objective = await _seed.ObjectiveAsync(cycle.Id, "Web only", Visibility.Team, team: "web");
        var keyResult = await _seed.KeyResultAsync(objective.Id);
        return (cycle, objective, keyResult);
    }

    private static async Task<IReadOnlyList<ObjectiveResponse>> ListAsync(HttpClient client, Guid cycleId) =>
        (await (await client.GetAsync($"/api/objectives?cycleId={cycleId}")).ReadAsync<PageOf<ObjectiveResponse>>()).Items;

    private static async Task<CycleMapResponse> MapAsync(HttpClient client, Guid cycleId) =>
        await (await client.GetAsync($"/api/cycles/{cycleId}/map")).ReadAsync<CycleMapResponse>();
}
