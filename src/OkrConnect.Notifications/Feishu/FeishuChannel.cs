using System.Globalization;
using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications.Feishu;

/// <summary>
/// Feishu / Lark custom bots. Docs: https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot (body, signing,
/// error codes) and https://open.feishu.cn/document/server-docs/api-call-guide/frequency-control (rate limits).
/// </summary>
public sealed class FeishuChannel : IChatChannel
{
    public const string ChannelKind = "feishu";

    // "sign match fail or timestamp is not within one hour from current time".
    private const long SignatureRejected = 19021;

    // Custom bots are limited to 100 messages a minute and 5 a second; 11232 is that limit's error.
    private const long BotRateLimited = 11232;

    // The platform-wide "request trigger frequency limit", answered with x-ogw-ratelimit-reset (seconds).
    private const long PlatformRateLimited = 99991400;

    public string Kind => ChannelKind;

    public bool AcceptsSecret => true;

    public IReadOnlyList<string> Validate(ChatChannelSettings settings) => FeishuSettings.Validate(settings);

    public HttpRequestMessage CreateRequest(ChatMessage message, ChatChannelSettings settings, DateTimeOffset now) =>
        ChatJson.Post(new Uri(settings.WebhookUrl.Trim()), Build(message, settings.Secret, now));

    public static FeishuMessage Build(ChatMessage message, string? secret, DateTimeOffset now)
    {
        var elements = new List<object> { new FeishuDiv(new FeishuText("plain_text", message.Text)) };
        if (message.Facts.Count > 0)
        {
            elements.Add(new FeishuDiv(Fields: message.Facts
                .Select(f => new FeishuField(true, new FeishuText("plain_text", $"{f.Label}: {f.Value}")))
                .ToList()));
        }

        if (message.Url is { } url)
        {
            elements.Add(new FeishuAction([new FeishuButton(new FeishuText("plain_text", message.UrlLabel ?? url), url, "primary")]));
        }

        var card = new FeishuCard(new FeishuHeader(new FeishuText("plain_text", message.Title), Template(message.Tone)), elements);
        if (secret is null)
        {
            return new FeishuMessage(card);
        }

        var timestamp = FeishuSignature.Timestamp(now);
        return new FeishuMessage(card, timestamp, FeishuSignature.Sign(timestamp, secret));
    }

    /// <summary>
    /// Feishu answers HTTP 200 with a code in the body: {"code":0,"msg":"success"} (older bots: "StatusCode":0).
    /// Anything but 0 is a failure.
    /// </summary>
    public DeliveryFailure? ReadResponse(ChatResponse response)
    {
        if (response.StatusCode == 429 || ChatJson.ReadCode(response.Body, "code") == PlatformRateLimited)
        {
            return new DeliveryFailure(DeliveryFailureCategory.RateLimited, "Feishu rate limit" + ChatHttpStatus.Excerpt(response.Body), ResetAfter(response));
        }

        if (ChatHttpStatus.Classify(response, "Feishu") is { } failure)
        {
            return failure;
        }

        var code = ChatJson.ReadCode(response.Body, "code", "StatusCode");
        if (code is null)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Transient, "Feishu answered without a result code" + ChatHttpStatus.Excerpt(response.Body));
        }

        var said = $"Feishu refused the message (code {code})" + ChatHttpStatus.Excerpt(ChatJson.ReadString(response.Body, "msg") ?? "");
        return code switch
        {
            0 => null,
            SignatureRejected => new DeliveryFailure(DeliveryFailureCategory.Authentication, said + " — check the signing secret and this server's clock."),
            BotRateLimited => new DeliveryFailure(DeliveryFailureCategory.RateLimited, said, response.RetryAfter ?? TimeSpan.FromMinutes(1)),
            _ => new DeliveryFailure(DeliveryFailureCategory.Configuration, said + " — check the bot's security settings (keywords, IP allow-list)."),
        };
    }

    private static TimeSpan? ResetAfter(ChatResponse response) =>
        response.Headers.TryGetValue("x-ogw-ratelimit-reset", out var reset) && int.TryParse(reset, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(seconds)
            : response.RetryAfter;

    private static string Template(ChatTone tone) => tone switch
    {
        ChatTone.Alert => "red",
        ChatTone.Warning => "orange",
        _ => "blue",
    };
}
