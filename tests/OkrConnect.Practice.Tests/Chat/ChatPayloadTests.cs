using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Chat;

/// <summary>
/// One due reminder delivered to a channel of every platform, each received by a WireMock endpoint answering as the
/// platform does; every body is checked against the platform's documented format, signatures recomputed here.
/// </summary>
public sealed class ChatPayloadTests : IAsyncLifetime, IDisposable
{
    private const string SlackPath = "/services/T0/B0/slack-token";
    private const string TeamsPath = "/webhookb2/okr/IncomingWebhook/teams-token";
    private const string FeishuSecret = "feishu-signing-secret";
    private const string DingTalkSecret = "SECdingtalk-signing-secret";

    private readonly PracticeFactory _factory = new();
    private readonly ChatReceiver _receiver = new();
    private HttpClient _manager = null!;
    private Guid _keyResultId;
    private DateTimeOffset _sentAt;

    public async Task InitializeAsync()
    {
        var manager = _manager = _factory.CreateClientFor(Role.Manager, "maria", "web");
        _factory.MoveToMorning();
        var seed = new Seed(manager);
        var cycle = await seed.CycleAsync(_factory.Today.AddDays(-20), _factory.Today.AddDays(70));
        var objective = await seed.ObjectiveAsync(cycle.Id(), "Grow <the> shop & more", team: "web");
        _keyResultId = (await seed.MetricAsync(objective.Id(), 50, "Sign-ups", owner: "maria")).Id();
        await (await manager.PostJsonAsync("/api/teams/web/reminders", new
        {
            checkInDueDays = 3,
            planningDaysBefore = (int?)null,
            reviewDaysBefore = (int?)null,
            atRiskAlerts = false,
            channels = new object[]
            {
                new { kind = "slack", webhookUrl = _receiver.Slack(SlackPath) },
                new { kind = "teams", webhookUrl = _receiver.Teams(TeamsPath) },
                new { kind = "feishu", webhookUrl = _receiver.Feishu(), secret = FeishuSecret },
                new { kind = "dingtalk", webhookUrl = _receiver.DingTalk(), secret = DingTalkSecret },
                new { kind = "wecom", webhookUrl = _receiver.WeCom() },
            },
        })).ReadAsync(System.Net.HttpStatusCode.Created);

        _factory.Clock.Advance(TimeSpan.FromDays(3));
        _sentAt = _factory.Clock.GetUtcNow();
        await _factory.EvaluateRemindersAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _receiver.Dispose();
        _factory.Dispose();
    }

    private string KeyResultUrl => $"{PracticeFactory.PublicBaseUrl}/key-results/{_keyResultId:D}";

    [Fact]
    public void Slack_gets_text_and_blocks_with_mrkdwn_escaped()
    {
        var body = _receiver.SingleBody(SlackPath);

        Assert.StartsWith("Check-in due: Sign-ups\n", body.Str("text"), StringComparison.Ordinal);
        var blocks = body.Items("blocks");
        Assert.Equal(["header", "section", "section"], blocks.Select(b => b.Str("type")));
        Assert.Equal(("plain_text", "Check-in due: Sign-ups"), (blocks[0].Get("text").Str("type"), blocks[0].Get("text").Str("text")));
        Assert.Equal("mrkdwn", blocks[1].Get("text").Str("type"));
        Assert.EndsWith($"\n<{KeyResultUrl}|Check in>", blocks[1].Get("text").Str("text"), StringComparison.Ordinal);
        var fields = blocks[2].Items("fields");
        Assert.Equal("*Objective*\nGrow &lt;the&gt; shop &amp; more", fields[0].Str("text"));
        Assert.All(fields, f => Assert.Equal("mrkdwn", f.Str("type")));
    }

    [Fact]
    public void Teams_gets_a_message_with_an_adaptive_card_attachment()
    {
        var body = _receiver.SingleBody(TeamsPath);

        Assert.Equal("message", body.Str("type"));
        var attachment = Assert.Single(body.Items("attachments"));
        Assert.Equal("application/vnd.microsoft.card.adaptive", attachment.Str("contentType"));
        Assert.Equal(JsonValueKind.Null, attachment.Get("contentUrl").ValueKind);
        var card = attachment.Get("content");
        Assert.Equal(("AdaptiveCard", "1.2", "http://adaptivecards.io/schemas/adaptive-card.json"), (card.Str("type"), card.Str("version"), card.Str("$schema")));
        var blocks = card.Items("body");
        Assert.Equal(["TextBlock", "TextBlock", "FactSet"], blocks.Select(b => b.Str("type")));
        Assert.Equal(("Check-in due: Sign-ups", "Bolder", true), (blocks[0].Str("text"), blocks[0].Str("weight"), blocks[0].Get("wrap").GetBoolean()));
        Assert.Equal(("Objective", "Grow <the> shop & more"), (blocks[2].Items("facts")[0].Str("title"), blocks[2].Items("facts")[0].Str("value")));
        var action = Assert.Single(card.Items("actions"));
        Assert.Equal(("Action.OpenUrl", "Check in", KeyResultUrl), (action.Str("type"), action.Str("title"), action.Str("url")));
    }

    [Fact]
    public void Feishu_gets_an_interactive_card_signed_with_timestamp_and_secret_as_the_key()
    {
        var body = _receiver.SingleBody("/open-apis/bot/v2/hook/hook-token");

        Assert.Equal("interactive", body.Str("msg_type"));
        var header = body.Get("card").Get("header");
        Assert.Equal(("plain_text", "Check-in due: Sign-ups", "blue"), (header.Get("title").Str("tag"), header.Get("title").Str("content"), header.Str("template")));
        var elements = body.Get("card").Items("elements");
        Assert.Equal(["div", "div", "action"], elements.Select(e => e.Str("tag")));
        Assert.Equal("plain_text", elements[0].Get("text").Str("tag"));
        Assert.True(elements[1].Items("fields")[0].Get("is_short").GetBoolean());
        var button = Assert.Single(elements[2].Items("actions"));
        Assert.Equal(("button", KeyResultUrl), (button.Str("tag"), button.Str("url")));

        // Feishu's rule, computed independently: HMAC-SHA256 keyed with "{timestamp}\n{secret}" over an empty message.
        var timestamp = body.Str("timestamp")!;
        Assert.Equal(_sentAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture), timestamp);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(timestamp + "\n" + FeishuSecret));
        Assert.Equal(Convert.ToBase64String(hmac.ComputeHash(Array.Empty<byte>())), body.Str("sign"));
    }

    [Fact]
    public void DingTalk_gets_markdown_and_a_signature_in_the_url()
    {
        var entry = Assert.Single(_receiver.Received("/robot/send"));
        var body = JsonDocument.Parse(entry.RequestMessage.Body!).RootElement;

        Assert.Equal("markdown", body.Str("msgtype"));
        Assert.Equal("Check-in due: Sign-ups", body.Get("markdown").Str("title"));
        Assert.StartsWith("### Check-in due: Sign-ups\n\n", body.Get("markdown").Str("text"), StringComparison.Ordinal);
        Assert.EndsWith($"[Check in]({KeyResultUrl})", body.Get("markdown").Str("text"), StringComparison.Ordinal);

        // DingTalk's rule, computed independently: HMAC-SHA256 keyed with the secret over "{timestamp}\n{secret}", in ms.
        var query = entry.RequestMessage.Query!;
        var timestamp = query["timestamp"].Single();
        Assert.Equal(_sentAt.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture), timestamp);
        using var hmac = new HMACSHA256(Encoding.UTF8.GetBytes(DingTalkSecret));
        var expected = Convert.ToBase64String(hmac.ComputeHash(Encoding.UTF8.GetBytes(timestamp + "\n" + DingTalkSecret)));
        Assert.Equal(expected, query["sign"].Single());
        Assert.Contains("&sign=" + Uri.EscapeDataString(expected), entry.RequestMessage.Url, StringComparison.Ordinal);
        Assert.Equal("ding-token", query["access_token"].Single());
    }

    [Fact]
    public void WeCom_gets_markdown_content()
    {
        var body = _receiver.SingleBody("/cgi-bin/webhook/send");

        Assert.Equal("markdown", body.Str("msgtype"));
        var content = body.Get("markdown").Str("content")!;
        Assert.StartsWith("### Check-in due: Sign-ups\n", content, StringComparison.Ordinal);
        Assert.Contains("> Objective: <font color=\"comment\">Grow <the> shop & more</font>", content, StringComparison.Ordinal);
        Assert.EndsWith($"[Check in]({KeyResultUrl})", content, StringComparison.Ordinal);
        Assert.True(Encoding.UTF8.GetByteCount(content) <= 4096);
    }

    [Fact]
    public async Task Every_platform_got_json_and_every_delivery_is_recorded_as_delivered()
    {
        foreach (var path in new[] { SlackPath, TeamsPath, "/open-apis/bot/v2/hook/hook-token", "/robot/send", "/cgi-bin/webhook/send" })
        {
            var request = Assert.Single(_receiver.Received(path)).RequestMessage;
            Assert.StartsWith("application/json", request.Headers!["Content-Type"].Single(), StringComparison.Ordinal);
        }

        var deliveries = (await _manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items");
        Assert.Equal(
            ["dingtalk", "feishu", "slack", "teams", "wecom"],
            deliveries.Select(d => d.Str("channelKind")!).Order(StringComparer.Ordinal));
        Assert.All(deliveries, d => Assert.Equal(("delivered", "check-in-due", "Check-in due: Sign-ups"), (d.Str("status"), d.Str("kind"), d.Str("title"))));
    }
}
