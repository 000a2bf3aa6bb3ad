using System.Net;
using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Reminders;

/// <summary>A failing channel is retried with backoff (bounded), shows why, and never holds another channel back.</summary>
public sealed class FailingChannelTests
{
    [Fact]
    public async Task A_failing_channel_is_retried_with_backoff_until_it_gives_up_while_the_healthy_one_delivers_once()
    {
        using var factory = new PracticeFactory();
        using var receiver = new ChatReceiver();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        var start = factory.MoveToMorning();
        await DueReminderAsync(factory, manager, receiver.Slack("/services/T/B/broken", status: 500, body: "rollup_error"), receiver.WeCom());

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();
        var first = await FailingAsync(manager);
        Assert.Equal(("retrying", 1, "transient"), (first.Str("status"), first.Get("attempts").GetInt32(), first.Str("failureCategory")));
        Assert.Equal("Slack answered HTTP 500: rollup_error", first.Str("lastError"));
        Assert.Equal(start.AddDays(1).AddMinutes(1), first.Get("nextAttemptAt").GetDateTimeOffset());
        var healthy = (await manager.GetJsonAsync("/api/teams/web/reminders/deliveries?status=delivered")).Items("items");
        Assert.Equal("wecom", Assert.Single(healthy).Str("channelKind"));

        await factory.DeliverRemindersAsync();
        Assert.Single(receiver.Received("/services/T/B/broken"));

        factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await factory.DeliverRemindersAsync();
        var second = await FailingAsync(manager);
        Assert.Equal(("retrying", 2), (second.Str("status"), second.Get("attempts").GetInt32()));
        Assert.Equal(start.AddDays(1).AddMinutes(3), second.Get("nextAttemptAt").GetDateTimeOffset());

        factory.Clock.Advance(TimeSpan.FromMinutes(2));
        await factory.DeliverRemindersAsync();
        factory.Clock.Advance(TimeSpan.FromHours(2));
        await factory.DeliverRemindersAsync();
        await factory.EvaluateRemindersAsync();

        var failed = Assert.Single((await manager.GetJsonAsync("/api/teams/web/reminders/deliveries?status=failed")).Items("items"));
        Assert.Equal((3, JsonValueKind.Null), (failed.Get("attempts").GetInt32(), failed.Get("nextAttemptAt").ValueKind));
        Assert.Equal(3, receiver.Received("/services/T/B/broken").Count);
        Assert.Single(receiver.Received("/cgi-bin/webhook/send"));
    }

    [Fact]
    public async Task Rejections_that_need_a_person_are_not_retried_and_retry_after_is_honoured()
    {
        using var factory = new PracticeFactory();
        using var receiver = new ChatReceiver();
        var manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        var start = factory.MoveToMorning();
        var dingTalk = receiver.DingTalk("bad-sign", errcode: 310000);
        var throttled = receiver.Slack("/services/T/B/throttled", status: 429, body: "rate_limited", retryAfter: "600");
        await DueReminderAsync(factory, manager, throttled, dingTalk);

        factory.Clock.Advance(TimeSpan.FromDays(1));
        await factory.EvaluateRemindersAsync();

        var deliveries = (await manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items").ToDictionary(d => d.Str("channelKind")!);
        var ding = deliveries["dingtalk"];
        Assert.Equal(("failed", 1, "authentication"), (ding.Str("status"), ding.Get("attempts").GetInt32(), ding.Str("failureCategory")));
        Assert.StartsWith("DingTalk refused the message (errcode 310000)", ding.Str("lastError"), StringComparison.Ordinal);
        var slack = deliveries["slack"];
        Assert.Equal(("retrying", "rate-limited"), (slack.Str("status"), slack.Str("failureCategory")));
        Assert.Equal(start.AddDays(1).AddMinutes(10), slack.Get("nextAttemptAt").GetDateTimeOffset());
    }

    private static async Task<JsonElement> FailingAsync(HttpClient manager) =>
        (await manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items").Single(d => d.Str("channelKind") == "slack");

    /// <summary>A key result of team web whose check-in falls due a day later, and the team's two channels.</summary>
    private static async Task DueReminderAsync(PracticeFactory factory, HttpClient manager, string firstChannel, string secondChannel)
    {
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(factory.Today.AddDays(-5), factory.Today.AddDays(60));
        var objective = await seed.ObjectiveAsync(cycle.Id(), team: "web");
        await seed.MetricAsync(objective.Id(), 50, owner: "maria");
        var kinds = new[] { Kind(firstChannel), Kind(secondChannel) };
        await (await manager.PostJsonAsync("/api/teams/web/reminders", new
        {
            checkInDueDays = 1,
            planningDaysBefore = (int?)null,
            reviewDaysBefore = (int?)null,
            atRiskAlerts = false,
            channels = new object[] { new { kind = kinds[0], webhookUrl = firstChannel }, new { kind = kinds[1], webhookUrl = secondChannel } },
        })).ReadAsync(HttpStatusCode.Created);
    }

    private static string Kind(string url) =>
        url.Contains("/robot/send", StringComparison.Ordinal) ? "dingtalk"
        : url.Contains("/cgi-bin/webhook/send", StringComparison.Ordinal) ? "wecom"
        : "slack";
}
