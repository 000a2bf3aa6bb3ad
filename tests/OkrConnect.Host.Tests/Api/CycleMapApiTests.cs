using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Map;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class CycleMapApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice", "web");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice", "web"));

    [Fact]
    public async Task The_map_is_the_alignment_tree_with_progress_type_and_risk()
    {
        var cycle = await _seed.CycleAsync();
        var otherCycle = await _seed.CycleAsync();
        var company = await _seed.ObjectiveAsync(cycle.Id, "Company");
        var growth = await _seed.KeyResultAsync(company.Id, "Grow", measure: MeasureKind.Children);
        var stretch = await _seed.MetricAsync(company.Id, 90, KeyResultType.Aspirational);
        var web = await _seed.ObjectiveAsync(cycle.Id, "Web", parentKeyResultId: growth.Id);
        var webMetric = await _seed.MetricAsync(web.Id, 40);
        var admin = new OkrSeed(factory.CreateClientFor(Role.Admin, "ada"));
        var mobile = await admin.ObjectiveAsync(cycle.Id, "Mobile", Visibility.Team, team: "mobile", owner: "mo-lead", parentKeyResultId: growth.Id);
        await admin.MetricAsync(mobile.Id, 80);
        var elsewhereParent = await _seed.KeyResultAsync((await _seed.ObjectiveAsync(otherCycle.Id, "Last year")).Id, measure: MeasureKind.Children);
        var crossCycle = await _seed.ObjectiveAsync(cycle.Id, "Carried over", parentKeyResultId: elsewhereParent.Id);

        var map = await (await _manager.GetAsync($"/api/cycles/{cycle.Id}/map")).ReadAsync<CycleMapResponse>();

        Assert.Equal((cycle.Id, cycle.Name), (map.CycleId, map.Name));
        Assert.Equal([company.Id, crossCycle.Id], map.Objectives.Select(o => o.Id));
        var top = map.Objectives[0];
        Assert.Equal([growth.Id, stretch.Id], top.KeyResults.Select(k => k.Id));
        var grow = top.KeyResults[0];
        Assert.Equal((KeyResultType.Committed, MeasureKind.Children), (grow.Type, grow.Measure));
        Assert.Equal(0.6, grow.Progress!.Value, 10);
        Assert.Equal(0.6, top.Progress!.Value, 10);
        Assert.Equal(0.9, top.Plus);
        Assert.Equal(KeyResultType.Aspirational, top.KeyResults[1].Type);
        var child = Assert.Single(grow.Children);
        Assert.Equal((web.Id, 0.4), (child.Id, child.Progress!.Value));
        Assert.Equal(webMetric.Id, Assert.Single(child.KeyResults).Id);
        Assert.Empty(top.KeyResults[1].Children);
    }

    [Fact]
    public async Task Team_members_see_their_team_objectives_in_the_tree()
    {
        var cycle = await _seed.CycleAsync();
        var company = await _seed.ObjectiveAsync(cycle.Id, "Company");
        var growth = await _seed.KeyResultAsync(company.Id, measure: MeasureKind.Children);
        var mobile = await _seed.ObjectiveAsync(cycle.Id, "Mobile", Visibility.Team, team: "mobile", owner: "mo-lead", parentKeyResultId: growth.Id);
        var mobileMember = factory.CreateClientFor(Role.Member, "mo", "mobile");

        var map = await (await mobileMember.GetAsync($"/api/cycles/{cycle.Id}/map")).ReadAsync<CycleMapResponse>();

        Assert.Equal(mobile.Id, Assert.Single(Assert.Single(Assert.Single(map.Objectives).KeyResults).Children).Id);
    }

    [Fact]
    public async Task The_map_of_an_unknown_cycle_is_404()
    {
        await (await _manager.GetAsync($"/api/cycles/{Guid.NewGuid()}/map")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
