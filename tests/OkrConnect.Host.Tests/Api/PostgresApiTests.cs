using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.CheckIns;
using OkrConnect.Host.Api.Map;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>The API's main path on PostgreSQL, so nothing in it leans on SQLite's behaviour.</summary>
public sealed class PostgresApiTests
{
    [PostgresFact]
    public async Task Objectives_key_results_check_ins_progress_and_the_map_work_on_postgres()
    {
        using var factory = OkrConnectFactory.Create(new OkrConnectFactoryOptions { Postgres = true });
        var manager = factory.CreateClientFor(Role.Manager, "alice");
        var seed = new OkrSeed(manager);
        var cycle = await seed.CycleAsync();
        var top = await seed.ObjectiveAsync(cycle.Id, "Company");
        var parent = await seed.KeyResultAsync(top.Id, measure: MeasureKind.Children);
        var team = await seed.ObjectiveAsync(cycle.Id, "Team", parentKeyResultId: parent.Id);
        var metric = await seed.MetricAsync(team.Id, 10, owner: "alice");
        await seed.LinkAsync((await seed.KeyResultAsync(team.Id, "work", KeyResultType.Aspirational)).Id, (await new OkrSeed(factory.CreateClientFor(Role.Admin)).UninstalledConnectorAsync()).Id);

        await (await manager.PostJsonAsync($"/api/key-results/{metric.Id}/check-ins", new { confidence = 6, status = "on-track", value = 40 }))
            .ReadAsync<CheckInResponse>(HttpStatusCode.Created);

        var progress = await (await manager.GetAsync($"/api/objectives/{top.Id}/progress")).ReadAsync<ObjectiveProgressResponse>();
        var map = await (await manager.GetAsync($"/api/cycles/{cycle.Id}/map")).ReadAsync<CycleMapResponse>();
        Assert.Equal(0.4, progress.Value!.Value, 10);
        Assert.Equal(team.Id, Assert.Single(Assert.Single(Assert.Single(map.Objectives).KeyResults).Children).Id);
    }
}
