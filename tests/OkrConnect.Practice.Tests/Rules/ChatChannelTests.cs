using System.Text;
using OkrConnect.Core.Practice;
using OkrConnect.Notifications;
using OkrConnect.Notifications.DingTalk;
using OkrConnect.Notifications.Feishu;
using OkrConnect.Notifications.Slack;
using OkrConnect.Notifications.Teams;
using OkrConnect.Notifications.WeCom;
using OkrConnect.Host.Practice.Scoring;

namespace OkrConnect.Practice.Tests.Rules;

/// <summary>Signatures against fixed vectors (computed outside .NET), answers read per platform, settings validation.</summary>
public sealed class ChatChannelTests
{
    [Fact]
    public void DingTalk_signature_matches_a_known_answer()
    {
        const string secret = "SEC0123456789abcdef";
        var now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);

        Assert.Equal("TSZbRFUuvaSQaRKUpF970OPCb2/LcQAP3wOvwZIzBZk=", DingTalkSignature.Sign("1700000000000", secret));
        Assert.Equal(
            "https://oapi.dingtalk.com/robot/send?access_token=t&timestamp=1700000000000&sign=TSZbRFUuvaSQaRKUpF970OPCb2%2FLcQAP3wOvwZIzBZk%3D",
            DingTalkSignature.SignedUrl("https://oapi.dingtalk.com/robot/send?access_token=t", secret, now).OriginalString);
    }

    [Fact]
    public void Feishu_signature_matches_a_known_answer()
    {
        var message = FeishuChannel.Build(new ChatMessage("t", "x", [], ChatTone.Info), "feishu-secret", DateTimeOffset.FromUnixTimeSeconds(1_700_000_000));

        Assert.Equal(("1700000000", "OrBzY1Y01Gq+HgJsl+7OfWcMVwc7YocohQm5iiZwjhU="), (message.Timestamp, message.Sign));
        Assert.Null(FeishuChannel.Build(new ChatMessage("t", "x", [], ChatTone.Info), null, DateTimeOffset.UnixEpoch).Sign);
    }

    [Theory]
    [InlineData(200, """{"errcode":0,"errmsg":"ok"}""", null)]
    [InlineData(200, """{"errcode":130101,"errmsg":"send too fast"}""", DeliveryFailureCategory.RateLimited)]
    [InlineData(200, """{"errcode":310000,"errmsg":"sign not match"}""", DeliveryFailureCategory.Authentication)]
    [InlineData(200, """{"errcode":300001,"errmsg":"token is not exist"}""", DeliveryFailureCategory.Configuration)]
    [InlineData(200, "<html>proxy</html>", DeliveryFailureCategory.Transient)]
    [InlineData(502, "", DeliveryFailureCategory.Transient)]
    public void DingTalk_reads_its_error_code_from_a_200_body(int status, string body, DeliveryFailureCategory? expected) =>
        Assert.Equal(expected, new DingTalkChannel().ReadResponse(Response(status, body))?.Category);

    [Theory]
    [InlineData("""{"code":0,"msg":"success","data":{}}""", null)]
    [InlineData("""{"StatusCode":0,"StatusMessage":"success"}""", null)]
    [InlineData("""{"code":19021,"msg":"sign match fail"}""", DeliveryFailureCategory.Authentication)]
    [InlineData("""{"code":11232,"msg":"frequency limited"}""", DeliveryFailureCategory.RateLimited)]
    [InlineData("""{"code":19024,"msg":"Key Words Not Found"}""", DeliveryFailureCategory.Configuration)]
    public void Feishu_reads_its_code_from_the_body(string body, DeliveryFailureCategory? expected) =>
        Assert.Equal(expected, new FeishuChannel().ReadResponse(Response(200, body))?.Category);

    [Theory]
    [InlineData("""{"errcode":0,"errmsg":"ok"}""", null)]
    [InlineData("""{"errcode":45009,"errmsg":"api freq out of limit"}""", DeliveryFailureCategory.RateLimited)]
    [InlineData("""{"errcode":93000,"errmsg":"invalid webhook url"}""", DeliveryFailureCategory.Configuration)]
    public void WeCom_reads_its_error_code_from_the_body(string body, DeliveryFailureCategory? expected) =>
        Assert.Equal(expected, new WeComChannel().ReadResponse(Response(200, body))?.Category);

    [Theory]
    [InlineData(200, "ok", null)]
    [InlineData(404, "no_service", DeliveryFailureCategory.Configuration)]
    [InlineData(403, "invalid_token", DeliveryFailureCategory.Authentication)]
    [InlineData(400, "invalid_payload", DeliveryFailureCategory.Permanent)]
    [InlineData(429, "", DeliveryFailureCategory.RateLimited)]
    [InlineData(503, "", DeliveryFailureCategory.Unavailable)]
    public void Slack_is_judged_by_the_http_status(int status, string body, DeliveryFailureCategory? expected) =>
        Assert.Equal(expected, new SlackChannel().ReadResponse(Response(status, body))?.Category);

    [Fact]
    public void A_throttled_teams_webhook_answers_200_and_is_still_rate_limited()
    {
        var failure = new TeamsChannel().ReadResponse(Response(200, "Microsoft Teams endpoint returned HTTP error 429 with ContextId …"));

        Assert.Equal(DeliveryFailureCategory.RateLimited, failure?.Category);
        Assert.Null(new TeamsChannel().ReadResponse(Response(202, "")));
    }

    [Fact]
    public void WeCom_content_is_cut_to_4096_utf8_bytes_on_a_character_boundary()
    {
        var message = new ChatMessage("标题", new string('进', 3000), [], ChatTone.Info);

        var content = WeComChannel.Build(message).Markdown.Content;

        Assert.InRange(Encoding.UTF8.GetByteCount(content), 4000, WeComChannel.MaxContentBytes);
        Assert.EndsWith("…", content, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("slack", "http://hooks.slack.com/services/x", null, false)]
    [InlineData("slack", "http://127.0.0.1:8080/hook", null, true)]
    [InlineData("teams", "https://example.webhook.office.com/webhookb2/x", "secret", false)]
    [InlineData("dingtalk", "https://oapi.dingtalk.com/robot/send?access_token=abc", "SECx", true)]
    [InlineData("dingtalk", "https://oapi.dingtalk.com/robot/send?token=abc", null, false)]
    [InlineData("feishu", "https://open.larksuite.com/open-apis/bot/v2/hook/abc", "s", true)]
    [InlineData("feishu", "https://open.feishu.cn/open-apis/bot/v2/hook/abc", " ", false)]
    [InlineData("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", null, true)]
    [InlineData("wecom", "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=abc", "s", false)]
    [InlineData("wecom", "not a url", null, false)]
    public void Each_platform_validates_its_settings(string kind, string url, string? secret, bool valid)
    {
        IChatChannel channel = kind switch
        {
            "slack" => new SlackChannel(),
            "teams" => new TeamsChannel(),
            "dingtalk" => new DingTalkChannel(),
            "feishu" => new FeishuChannel(),
            _ => new WeComChannel(),
        };

        Assert.Equal(valid, channel.Validate(new ChatChannelSettings(url, secret)).Count == 0);
    }

    [Theory]
    [InlineData("plain", "plain")]
    [InlineData("a,b", "\"a,b\"")]
    [InlineData("say \"hi\"", "\"say \"\"hi\"\"\"")]
    [InlineData("two\r\nlines", "\"two\r\nlines\"")]
    public void Csv_fields_are_quoted_only_when_needed(string field, string expected) => Assert.Equal(expected, ScoreCsv.Escape(field));

    private static ChatResponse Response(int status, string body) => new(status, body, null, new Dictionary<string, string>());
}
