using System.Net;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Tests.Infrastructure;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

/// <summary>
/// The practice's SQL on PostgreSQL: reminders (unique keys, claims, risk-state upserts), close and scores, decomposition
/// and coverage's read of stored work. The same flows run on SQLite in the other classes.
/// </summary>
public sealed class PostgresTests
{
    [PostgresFact]
    public async Task Reminders_are_deduplicated_retried_and_listed()
    {
        using var factory = PracticeFactory.OnPostgres();
        using var receiver = new ChatReceiver();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        factory.MoveToMorning();
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(factory.Today.AddDays(-5), factory.Today.AddDays(60));
        var objective = await seed.ObjectiveAsync(cycle.Id(), team: "web");
        var keyResult = await seed.MetricAsync(objective.Id(), 50, owner: "maria");
        await (await manager.PostJsonAsync("/api/teams/web/reminders", new
        {
            checkInDueDays = 1,
            channels = new object[]
            {
                new { kind = "slack", webhookUrl = receiver.Slack("/services/T/B/broken", status: 503) },
                new { kind = "dingtalk", webhookUrl = receiver.DingTalk(), secret = "SECsecret" },
            },
        })).ReadAsync(HttpStatusCode.Created);
        await seed.CheckInAsync(keyResult.Id(), 2, status: "off-track");

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();
        await factory.EvaluateRemindersAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverRemindersAsync();

        var deliveries = (await manager.GetJsonAsync("/api/teams/web/reminders/deliveries?limit=200")).Items("items");
        Assert.Equal(4, deliveries.Count);
        Assert.Equal(2, deliveries.Count(d => d.Str("kind") == "at-risk"));
        Assert.All(deliveries.Where(d => d.Str("channelKind") == "dingtalk"), d => Assert.Equal("delivered", d.Str("status")));
        Assert.All(deliveries.Where(d => d.Str("channelKind") == "slack"), d => Assert.Equal(("retrying", 2, "unavailable"), (d.Str("status"), d.Get("attempts").GetInt32(), d.Str("failureCategory"))));
        Assert.Equal(2, receiver.Received("/robot/send").Count);
    }

    [PostgresFact]
    public async Task Decomposition_close_scores_and_coverage_work_on_postgres()
    {
        using var factory = PracticeFactory.OnPostgres();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        var admin = factory.CreateClientFor(Role.Admin, "root");
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(factory.Today.AddDays(-30), factory.Today.AddDays(60));
        var company = await seed.ObjectiveAsync(cycle.Id(), "Company");
        var parent = await seed.MetricAsync(company.Id(), 20, "Revenue");
        var decomposed = await (await manager.PostJsonAsync($"/api/key-results/{parent.Id()}/decompose", new
        {
            objectives = new[] { new { title = "Web" }, new { title = "Mobile" } },
        })).ReadAsync(HttpStatusCode.Created);
        var web = decomposed.Items("objectives")[0].Id();
        await seed.MetricAsync(web, 65, "Web revenue");
        var work = await seed.KeyResultAsync(decomposed.Items("objectives")[1].Id(), "Mobile work");
        var connector = await new Seed(admin).UninstalledConnectorAsync();
        await seed.LinkAsync(work.Id(), connector.Id(), "jira-jql", "project = APP");
        await factory.Service<IWorkItemRepository>().ReplaceTargetItemsAsync(
            connector.Id(), new TargetRef("jira-jql", "project = APP"), [new WorkItem("APP-2", WorkItemClass.Done, ParentExternalId: "APP-1")], factory.Clock.GetUtcNow());

        var coverage = await manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");
        var sheet = await (await manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync();
        await (await manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync(HttpStatusCode.Conflict);
        var adjusted = await (await manager.PutJsonAsync($"/api/key-results/{parent.Id()}/score", new { score = 0.8, reason = "Mobile shipped off-tracker" })).ReadAsync();

        Assert.Equal("APP-1", Assert.Single(Assert.Single(coverage.Get("orphanEpics").Items("connectors")).Items("epics")).Str("externalId"));
        var revenue = sheet.Items("objectives").Single(o => o.Str("title") == "Company").Items("keyResults").Single();
        Assert.Equal(0.7, revenue.Num("computed")!.Value, 10);
        Assert.Equal((0.7, 0.8), (adjusted.Num("computed")!.Value, adjusted.Num("adjusted")!.Value));
    }
}
