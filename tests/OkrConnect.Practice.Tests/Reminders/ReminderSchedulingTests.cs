using System.Net;
using System.Text.Json;
using Hangfire;
using Hangfire.Storage;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Practice.Reminders;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Reminders;

/// <summary>Reminders fall due by the host's clock (a fake one here) and reach a channel at most once a day per subject.</summary>
public sealed class ReminderSchedulingTests
{
    private const string SlackPath = "/services/T/B/reminders";

    [Fact]
    public async Task A_check_in_reminder_is_due_after_the_configured_days_and_sent_at_most_once_a_day()
    {
        using var factory = new PracticeFactory();
        using var receiver = new ChatReceiver();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        factory.MoveToMorning();
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(factory.Today.AddDays(-1), factory.Today.AddDays(60));
        var objective = await seed.ObjectiveAsync(cycle.Id(), "Grow", team: "web");
        var keyResult = await seed.MetricAsync(objective.Id(), 50, "Sign-ups", owner: "maria");
        await CreateSettingsAsync(manager, "web", receiver.Slack(SlackPath), new { checkInDueDays = 7, planningDaysBefore = (int?)null, reviewDaysBefore = (int?)null, atRiskAlerts = false });

        await factory.EvaluateRemindersAsync();
        Assert.Empty(receiver.Received(SlackPath));

        factory.Clock.Advance(TimeSpan.FromDays(7));
        await factory.EvaluateRemindersAsync();
        await factory.EvaluateRemindersAsync();
        factory.Clock.Advance(TimeSpan.FromHours(3));
        await factory.EvaluateRemindersAsync();
        Assert.Single(receiver.Received(SlackPath));
        Assert.Contains("Check-in due: Sign-ups", receiver.SingleBody(SlackPath).Str("text"), StringComparison.Ordinal);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();
        Assert.Equal(2, receiver.Received(SlackPath).Count);

        await seed.CheckInAsync(keyResult.Id(), 8);
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();
        Assert.Equal(2, receiver.Received(SlackPath).Count);

        var deliveries = await manager.GetJsonAsync("/api/teams/web/reminders/deliveries");
        Assert.Equal(2, deliveries.Get("total").GetInt32());
        Assert.All(deliveries.Items("items"), d =>
        {
            Assert.Equal(("check-in-due", "delivered", 1), (d.Str("kind"), d.Str("status"), d.Get("attempts").GetInt32()));
            Assert.Equal(keyResult.Id(), d.Get("subjectId").GetGuid());
        });
    }

    [Fact]
    public async Task Planning_and_review_reminders_follow_the_cycles_and_the_team_objectives()
    {
        using var factory = new PracticeFactory();
        using var receiver = new ChatReceiver();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        factory.MoveToMorning();
        var seed = new Seed(manager);
        var running = await seed.CycleAsync(factory.Today.AddDays(-80), factory.Today.AddDays(5), name: "Q3");
        var next = await seed.CycleAsync(factory.Today.AddDays(6), factory.Today.AddDays(96), "planning", name: "Q4");
        await seed.ObjectiveAsync(running.Id(), "Now", team: "web");
        await seed.ObjectiveAsync(next.Id(), "Someone else's", team: "mobile");
        await CreateSettingsAsync(manager, "web", receiver.Slack(SlackPath), new { checkInDueDays = (int?)null, planningDaysBefore = 7, reviewDaysBefore = 7, atRiskAlerts = false });

        await factory.EvaluateRemindersAsync();
        await seed.ObjectiveAsync(next.Id(), "Planned", team: "web");
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();

        var kinds = (await manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items")
            .Select(d => (d.Str("kind"), d.Get("subjectId").GetGuid())).ToList();
        Assert.Equal(2, kinds.Count(k => k == ("review", running.Id())));
        Assert.Equal(1, kinds.Count(k => k == ("planning", next.Id())));
        Assert.Equal(3, kinds.Count);
        var titles = receiver.Received(SlackPath).Select(e => JsonDocument.Parse(e.RequestMessage.Body!).RootElement.Str("text")!).ToList();
        Assert.Contains(titles, t => t.StartsWith("Plan the next cycle: Q4", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Review time: Q3", StringComparison.Ordinal));
    }

    [Fact]
    public async Task An_at_risk_alert_fires_when_a_key_result_turns_at_risk_in_the_team_language()
    {
        using var factory = new PracticeFactory();
        using var receiver = new ChatReceiver();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        factory.MoveToMorning();
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(factory.Today.AddDays(-10), factory.Today.AddDays(80));
        var objective = await seed.ObjectiveAsync(cycle.Id(), "Grow", team: "web");
        var keyResult = await seed.MetricAsync(objective.Id(), 50, "注册用户", owner: "maria");
        await CreateSettingsAsync(manager, "web", receiver.Slack(SlackPath), new { locale = "zh-CN", checkInDueDays = (int?)null, planningDaysBefore = (int?)null, reviewDaysBefore = (int?)null });

        await factory.EvaluateRemindersAsync();
        await seed.CheckInAsync(keyResult.Id(), 3, status: "at-risk");
        await factory.EvaluateRemindersAsync();
        factory.Clock.Advance(TimeSpan.FromHours(1));
        await factory.EvaluateRemindersAsync();
        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();
        Assert.Single(receiver.Received(SlackPath));

        // The fake clock stands still unless moved: a minute between check-ins keeps "latest" unambiguous.
        await seed.CheckInAsync(keyResult.Id(), 8);
        await factory.EvaluateRemindersAsync();
        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await seed.CheckInAsync(keyResult.Id(), 2, status: "off-track");
        await factory.EvaluateRemindersAsync();

        var alerts = receiver.Received(SlackPath);
        Assert.Equal(2, alerts.Count);
        var text = JsonDocument.Parse(alerts[0].RequestMessage.Body!).RootElement.Str("text")!;
        Assert.StartsWith("有风险:注册用户", text, StringComparison.Ordinal);
        Assert.Contains("最新信心指数为 3(不高于 4)", text, StringComparison.Ordinal);
    }

    [Fact]
    public void The_recurring_jobs_are_registered_with_stable_ids()
    {
        using var factory = new PracticeFactory();
        _ = factory.Services;

        using var connection = factory.Service<JobStorage>().GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(j => j.Id, j => j.Cron);

        Assert.Equal("0 * * * *", jobs[ReminderJobs.EvaluateJobId]);
        Assert.Equal("*/5 * * * *", jobs[ReminderJobs.DeliverJobId]);
    }

    private static async Task CreateSettingsAsync(HttpClient manager, string team, string slackUrl, object rules)
    {
        var body = JsonSerializer.SerializeToNode(rules, Json.Options)!.AsObject();
        body["channels"] = JsonSerializer.SerializeToNode(new[] { new { kind = "slack", webhookUrl = slackUrl } }, Json.Options);
        var response = await manager.PostAsync($"/api/teams/{team}/reminders", new StringContent(body.ToJsonString(), System.Text.Encoding.UTF8, "application/json"));
        await response.ReadAsync(HttpStatusCode.Created);
    }
}
