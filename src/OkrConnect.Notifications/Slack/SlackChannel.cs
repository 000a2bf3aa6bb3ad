using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications.Slack;

/// <summary>
/// Slack incoming webhooks. Docs: https://api.slack.com/messaging/webhooks (body and errors),
/// https://api.slack.com/reference/surfaces/formatting#escaping (mrkdwn escaping).
/// </summary>
public sealed class SlackChannel : IChatChannel
{
    public const string ChannelKind = "slack";

    private const int HeaderLimit = 150;
    private const int SectionLimit = 3000;
    private const int FieldLimit = 2000;
    private const int MaxFields = 10;

    public string Kind => ChannelKind;

    public bool AcceptsSecret => false;

    public IReadOnlyList<string> Validate(ChatChannelSettings settings) => SlackSettings.Validate(settings);

    public HttpRequestMessage CreateRequest(ChatMessage message, ChatChannelSettings settings, DateTimeOffset now) =>
        ChatJson.Post(new Uri(settings.WebhookUrl.Trim()), Build(message));

    /// <summary>The payload for a message (public for the payload tests).</summary>
    public static SlackMessage Build(ChatMessage message)
    {
        var blocks = new List<object>
        {
            new SlackHeaderBlock(new SlackText("plain_text", Cut(message.Title, HeaderLimit))),
        };

        var body = Escape(message.Text);
        if (message.Url is { } url)
        {
            body += $"\n<{Escape(url)}|{Escape(message.UrlLabel ?? url)}>";
        }

        blocks.Add(new SlackSectionBlock(new SlackText("mrkdwn", Cut(body, SectionLimit))));
        if (message.Facts.Count > 0)
        {
            blocks.Add(new SlackSectionBlock(Fields: message.Facts
                .Take(MaxFields)
                .Select(f => new SlackText("mrkdwn", Cut($"*{Escape(f.Label)}*\n{Escape(f.Value)}", FieldLimit)))
                .ToList()));
        }

        return new SlackMessage($"{message.Title}\n{message.Text}", blocks);
    }

    /// <summary>Slack answers 200 "ok"; errors are 4xx with a code such as invalid_payload, channel_not_found, no_service.</summary>
    public DeliveryFailure? ReadResponse(ChatResponse response) => ChatHttpStatus.Classify(response, "Slack");

    // mrkdwn treats &, < and > as control characters; everything else in user text is shown as typed.
    private static string Escape(string text) =>
        text.Replace("&", "&amp;", StringComparison.Ordinal).Replace("<", "&lt;", StringComparison.Ordinal).Replace(">", "&gt;", StringComparison.Ordinal);

    private static string Cut(string text, int limit) => text.Length <= limit ? text : text[..(limit - 1)] + "…";
}
