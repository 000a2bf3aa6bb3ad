using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Tests.Infrastructure;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Reminders;

/// <summary>Migration 0007's SQL on PostgreSQL: the team switch, account mappings, and tracker deliveries deduplicated per day.</summary>
public sealed class TrackerCommentPostgresTests
{
    [PostgresFact]
    public async Task Accounts_the_tracker_switch_and_daily_tracker_comments_work_on_postgres()
    {
        using var factory = PracticeFactory.OnPostgres();
        using var jira = new JiraCloud();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        var admin = factory.CreateClientFor(Role.Admin, "root");
        factory.MoveToMorning();
        var connector = await jira.ConnectorAsync(admin);
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(factory.Today.AddDays(-5), factory.Today.AddDays(60));
        var keyResult = await seed.KeyResultAsync((await seed.ObjectiveAsync(cycle.Id(), team: "web")).Id(), "Checkout", owner: "maria");
        jira.Epic("OKR-1");
        await seed.LinkAsync(keyResult.Id(), connector, "jira-epic", "OKR-1");
        jira.Reset();
        jira.Comments("OKR-1");

        await (await admin.PutJsonAsync($"/api/connectors/{connector}/accounts/maria", new { account = "5b10a2844c20165700ede21g" })).ReadAsync();
        await (await admin.PutJsonAsync($"/api/connectors/{connector}/accounts/maria", new { account = "712020:5b10ac8d-82e0-5b22-cc7d-4ef5aa11bb22" })).ReadAsync();
        Assert.Equal("712020:5b10ac8d-82e0-5b22-cc7d-4ef5aa11bb22", Assert.Single((await admin.GetJsonAsync($"/api/connectors/{connector}/accounts")).EnumerateArray()).Str("account"));
        await (await manager.PostJsonAsync("/api/teams/web/reminders", new { checkInDueDays = 1, atRiskAlerts = false, trackerComments = true })).ReadAsync(HttpStatusCode.Created);
        Assert.True((await manager.GetJsonAsync("/api/teams/web/reminders")).Get("trackerComments").GetBoolean());

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();
        await factory.EvaluateRemindersAsync();

        var post = Assert.Single(jira.Posted("OKR-1"));
        Assert.Equal("712020:5b10ac8d-82e0-5b22-cc7d-4ef5aa11bb22", jira.PostedBody(post)["body"]!["content"]![1]!["content"]![0]!["attrs"]!["id"]!.GetValue<string>());
        var delivery = Assert.Single((await manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items"));
        Assert.Equal(("tracker-comment", "delivered"), (delivery.Str("channelKind"), delivery.Str("status")));
        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync($"/api/connectors/{connector}/accounts/maria")).StatusCode);
    }
}
