using System.Text;
using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications.DingTalk;

/// <summary>
/// DingTalk custom robots. Docs: https://open.dingtalk.com/document/robots/custom-robot-access (body and limits),
/// https://open.dingtalk.com/document/robots/customize-robot-security-settings (signing).
/// </summary>
public sealed class DingTalkChannel : IChatChannel
{
    public const string ChannelKind = "dingtalk";

    // "send too fast, exceed 20 times per minute": the robot is then throttled for 10 minutes.
    private const long TooFast = 130101;

    // The robot's security settings (signature, keywords or IP allow-list) rejected the call.
    private const long SecurityCheckFailed = 310000;

    public string Kind => ChannelKind;

    public bool AcceptsSecret => true;

    public IReadOnlyList<string> Validate(ChatChannelSettings settings) => DingTalkSettings.Validate(settings);

    public HttpRequestMessage CreateRequest(ChatMessage message, ChatChannelSettings settings, DateTimeOffset now)
    {
        var url = settings.WebhookUrl.Trim();
        var target = settings.Secret is { } secret ? DingTalkSignature.SignedUrl(url, secret, now) : new Uri(url);
        return ChatJson.Post(target, Build(message));
    }

    public static DingTalkMessage Build(ChatMessage message)
    {
        // Paragraphs need a blank line between them in DingTalk's markdown.
        var text = new StringBuilder();
        text.Append("### ").Append(OneLine(message.Title)).Append("\n\n").Append(message.Text).Append("\n\n");
        foreach (var fact in message.Facts)
        {
            text.Append("- **").Append(OneLine(fact.Label)).Append("**: ").Append(OneLine(fact.Value)).Append('\n');
        }

        if (message.Url is { } url)
        {
            text.Append("\n[").Append(OneLine(message.UrlLabel ?? url)).Append("](").Append(url).Append(')');
        }

        return new DingTalkMessage(new DingTalkMarkdown(OneLine(message.Title), text.ToString().TrimEnd()));
    }

    /// <summary>DingTalk answers HTTP 200 with {"errcode":0,"errmsg":"ok"}; any other errcode is a failure.</summary>
    public DeliveryFailure? ReadResponse(ChatResponse response)
    {
        if (ChatHttpStatus.Classify(response, "DingTalk") is { } failure)
        {
            return failure;
        }

        var code = ChatJson.ReadCode(response.Body, "errcode");
        if (code is null)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Transient, "DingTalk answered without an errcode" + ChatHttpStatus.Excerpt(response.Body));
        }

        var said = $"DingTalk refused the message (errcode {code})" + ChatHttpStatus.Excerpt(ChatJson.ReadString(response.Body, "errmsg") ?? "");
        return code switch
        {
            0 => null,
            TooFast => new DeliveryFailure(DeliveryFailureCategory.RateLimited, said, TimeSpan.FromMinutes(10)),
            SecurityCheckFailed => new DeliveryFailure(DeliveryFailureCategory.Authentication, said + " — check the signing secret, keywords and IP allow-list."),
            _ => new DeliveryFailure(DeliveryFailureCategory.Configuration, said),
        };
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
