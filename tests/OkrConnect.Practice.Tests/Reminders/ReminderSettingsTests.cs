using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Reminders;

public sealed class ReminderSettingsTests : IClassFixture<PracticeFactory>
{
    private const string SlackPath = "/services/T1/B1/secret-slack-token";
    private readonly PracticeFactory _factory;
    private readonly HttpClient _manager;

    public ReminderSettingsTests(PracticeFactory factory)
    {
        _factory = factory;
        _manager = factory.CreateClientFor(Role.Manager, "maria", "web");
    }

    [Fact]
    public async Task Settings_are_created_read_and_patched_without_ever_returning_a_secret()
    {
        using var receiver = new ChatReceiver();
        var slack = receiver.Slack(SlackPath);
        var feishu = receiver.Feishu("feishu-token-123");
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];

        var created = await (await _manager.PostJsonAsync($"/api/teams/{team}/reminders", new
        {
            locale = "zh-cn",
            planningDaysBefore = (int?)null,
            channels = new object[]
            {
                new { kind = "slack", name = "#web", webhookUrl = slack },
                new { kind = "feishu", webhookUrl = feishu, secret = "feishu-signing-secret" },
            },
        })).ReadAsync(HttpStatusCode.Created);
        var read = await _manager.GetJsonAsync($"/api/teams/{team}/reminders");

        Assert.Equal(("zh-CN", 7, 7, true), (read.Str("locale"), read.Get("checkInDueDays").GetInt32(), read.Get("reviewDaysBefore").GetInt32(), read.Get("atRiskAlerts").GetBoolean()));
        Assert.Null(read.Num("planningDaysBefore"));
        var channels = read.Items("channels");
        Assert.Equal(["slack", "feishu"], channels.Select(c => c.Str("kind")));
        Assert.Equal((receiver.Url + "/…", false), (channels[0].Str("webhookUrl"), channels[0].Get("hasSecret").GetBoolean()));
        Assert.True(channels[1].Get("hasSecret").GetBoolean());
        foreach (var text in new[] { created.GetRawText(), read.GetRawText() })
        {
            Assert.DoesNotContain("secret-slack-token", text, StringComparison.Ordinal);
            Assert.DoesNotContain("feishu-token-123", text, StringComparison.Ordinal);
            Assert.DoesNotContain("feishu-signing-secret", text, StringComparison.Ordinal);
        }

        // The masked address sent back keeps the stored one; a null secret removes it.
        var patched = await (await _manager.PatchJsonAsync($"/api/teams/{team}/reminders", new
        {
            locale = "en",
            checkInDueDays = 3,
            channels = new object[]
            {
                new { id = channels[0].Id(), webhookUrl = channels[0].Str("webhookUrl") },
                new { id = channels[1].Id(), secret = (string?)null },
            },
        })).ReadAsync();

        Assert.Equal(("en", 3), (patched.Str("locale"), patched.Get("checkInDueDays").GetInt32()));
        Assert.Equal("#web", patched.Items("channels")[0].Str("name"));
        Assert.False(patched.Items("channels")[1].Get("hasSecret").GetBoolean());
        var test = await (await _manager.PostAsync($"/api/teams/{team}/reminders/test", null)).ReadAsync();
        Assert.All(test.EnumerateArray(), result => Assert.True(result.Get("delivered").GetBoolean(), result.GetRawText()));
        Assert.Single(receiver.Received(SlackPath));
        Assert.DoesNotContain("secret-slack-token", _factory.Logs.AllText, StringComparison.Ordinal);

        // Leaving a channel out of the list removes it.
        var removed = await (await _manager.PatchJsonAsync($"/api/teams/{team}/reminders", new { channels = new[] { new { id = channels[0].Id() } } })).ReadAsync();
        Assert.Equal([channels[0].Id()], removed.Items("channels").Select(c => c.Id()));
    }

    [Fact]
    public async Task Each_platform_validates_its_own_settings()
    {
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var problem = await (await _manager.PostJsonAsync($"/api/teams/{team}/reminders", new
        {
            channels = new object[]
            {
                new { kind = "irc", webhookUrl = "https://irc.example.com/hook" },
                new { kind = "dingtalk", webhookUrl = "https://oapi.dingtalk.com/robot/send" },
                new { kind = "slack", webhookUrl = "https://hooks.slack.com/services/T/B/X", secret = "no such thing" },
                new { kind = "wecom", webhookUrl = "http://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=k" },
                new { kind = "feishu", webhookUrl = "https://open.feishu.cn/open-apis/bot/v2/hook/" },
                new { kind = "teams" },
            },
            checkInDueDays = 0,
            locale = "fr",
        })).ReadAsync(HttpStatusCode.BadRequest);

        Assert.Equal(
            ["locale", "checkInDueDays", "channels[0].kind", "channels[1]", "channels[2]", "channels[3]", "channels[4]", "channels[5].webhookUrl"],
            problem.ErrorFields());
        Assert.Contains("access_token", problem.Get("errors").Get("channels[1]")[0].GetString(), StringComparison.Ordinal);
        await _manager.GetJsonAsync($"/api/teams/{team}/reminders", HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Creating_twice_is_409_and_members_may_not_touch_reminders()
    {
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var member = _factory.CreateClientFor(Role.Member, "wes", team);

        await (await _manager.PostJsonAsync($"/api/teams/{team}/reminders", new { })).ReadAsync(HttpStatusCode.Created);
        await (await _manager.PostJsonAsync($"/api/teams/{team}/reminders", new { })).ReadAsync(HttpStatusCode.Conflict);
        await member.GetJsonAsync($"/api/teams/{team}/reminders", HttpStatusCode.Forbidden);
        await member.GetJsonAsync($"/api/teams/{team}/reminders/deliveries", HttpStatusCode.Forbidden);
    }
}
