using System.Text;
using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications.WeCom;

/// <summary>WeCom group robots. Docs: https://developer.work.weixin.qq.com/document/path/91770 (body, limits, errors).</summary>
public sealed class WeComChannel : IChatChannel
{
    public const string ChannelKind = "wecom";

    public const int MaxContentBytes = 4096;

    // "api freq out of limit": a robot may send 20 messages a minute.
    private const long FrequencyLimited = 45009;

    public string Kind => ChannelKind;

    public bool AcceptsSecret => false;

    public IReadOnlyList<string> Validate(ChatChannelSettings settings) => WeComSettings.Validate(settings);

    public HttpRequestMessage CreateRequest(ChatMessage message, ChatChannelSettings settings, DateTimeOffset now) =>
        ChatJson.Post(new Uri(settings.WebhookUrl.Trim()), Build(message));

    public static WeComMessage Build(ChatMessage message)
    {
        var content = new StringBuilder();
        var title = OneLine(message.Title);

        // WeCom markdown has three font colours; "warning" (orange-red) marks alerts.
        content.Append("### ").Append(message.Tone == ChatTone.Alert ? $"<font color=\"warning\">{title}</font>" : title).Append('\n');
        content.Append(message.Text).Append('\n');
        foreach (var fact in message.Facts)
        {
            content.Append("> ").Append(OneLine(fact.Label)).Append(": <font color=\"comment\">").Append(OneLine(fact.Value)).Append("</font>\n");
        }

        if (message.Url is { } url)
        {
            content.Append('[').Append(OneLine(message.UrlLabel ?? url)).Append("](").Append(url).Append(')');
        }

        return new WeComMessage(new WeComMarkdown(CutToBytes(content.ToString().TrimEnd(), MaxContentBytes)));
    }

    /// <summary>WeCom answers HTTP 200 with {"errcode":0,"errmsg":"ok"}; any other errcode is a failure.</summary>
    public DeliveryFailure? ReadResponse(ChatResponse response)
    {
        if (ChatHttpStatus.Classify(response, "WeCom") is { } failure)
        {
            return failure;
        }

        var code = ChatJson.ReadCode(response.Body, "errcode");
        if (code is null)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Transient, "WeCom answered without an errcode" + ChatHttpStatus.Excerpt(response.Body));
        }

        var said = $"WeCom refused the message (errcode {code})" + ChatHttpStatus.Excerpt(ChatJson.ReadString(response.Body, "errmsg") ?? "");
        return code switch
        {
            0 => null,
            FrequencyLimited => new DeliveryFailure(DeliveryFailureCategory.RateLimited, said, TimeSpan.FromMinutes(1)),
            _ => new DeliveryFailure(DeliveryFailureCategory.Configuration, said),
        };
    }

    /// <summary>Cuts on a character boundary so the UTF-8 content stays within the platform's byte limit.</summary>
    public static string CutToBytes(string text, int maxBytes)
    {
        if (Encoding.UTF8.GetByteCount(text) <= maxBytes)
        {
            return text;
        }

        const char ellipsis = '…';
        var budget = maxBytes - Encoding.UTF8.GetByteCount([ellipsis]);
        var builder = new StringBuilder();
        var used = 0;
        foreach (var rune in text.EnumerateRunes())
        {
            var size = rune.Utf8SequenceLength;
            if (used + size > budget)
            {
                break;
            }

            builder.Append(rune.ToString());
            used += size;
        }

        return builder.Append(ellipsis).ToString();
    }

    private static string OneLine(string text) => text.ReplaceLineEndings(" ");
}
