using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications.Teams;

/// <summary>
/// Microsoft Teams through an Incoming Webhook or a Workflows webhook, both with an Adaptive Card message.
/// Docs: https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using
/// </summary>
public sealed class TeamsChannel : IChatChannel
{
    public const string ChannelKind = "teams";

    // Incoming Webhooks answer HTTP 200 even when throttled, with this text in the body (see "Rate limiting for
    // connectors" in the page above), so the body has to be read.
    private const string ThrottledMarker = "HTTP error 429";

    public string Kind => ChannelKind;

    public bool AcceptsSecret => false;

    public IReadOnlyList<string> Validate(ChatChannelSettings settings) => TeamsSettings.Validate(settings);

    public HttpRequestMessage CreateRequest(ChatMessage message, ChatChannelSettings settings, DateTimeOffset now) =>
        ChatJson.Post(new Uri(settings.WebhookUrl.Trim()), Build(message));

    public static TeamsMessage Build(ChatMessage message)
    {
        var body = new List<object>
        {
            new AdaptiveTextBlock(message.Title, Size: "Medium", Weight: "Bolder", Color: Color(message.Tone)),
            new AdaptiveTextBlock(message.Text),
        };
        if (message.Facts.Count > 0)
        {
            body.Add(new AdaptiveFactSet(message.Facts.Select(f => new AdaptiveFact(f.Label, f.Value)).ToList()));
        }

        var actions = message.Url is { } url ? new[] { new AdaptiveOpenUrlAction(message.UrlLabel ?? url, url) } : null;
        return new TeamsMessage([new TeamsAttachment(new AdaptiveCard(body, actions))]);
    }

    /// <summary>Incoming Webhooks answer 200 "1", Workflows 202 Accepted; errors are 4xx/5xx (or a 200 saying 429).</summary>
    public DeliveryFailure? ReadResponse(ChatResponse response)
    {
        if (ChatHttpStatus.Classify(response, "Teams") is { } failure)
        {
            return failure;
        }

        return response.Body.Contains(ThrottledMarker, StringComparison.Ordinal)
            ? new DeliveryFailure(DeliveryFailureCategory.RateLimited, "Teams throttled the webhook" + ChatHttpStatus.Excerpt(response.Body), response.RetryAfter)
            : null;
    }

    private static string? Color(ChatTone tone) => tone switch
    {
        ChatTone.Alert => "Attention",
        ChatTone.Warning => "Warning",
        _ => null,
    };
}
