using System.Text.Json.Serialization;

namespace OkrConnect.Notifications.Teams;

// A message carrying one Adaptive Card, exactly as "Send Adaptive Cards using an Incoming Webhook" documents it:
// {"type":"message","attachments":[{"contentType":"application/vnd.microsoft.card.adaptive","contentUrl":null,"content":{…}}]}
// (https://learn.microsoft.com/microsoftteams/platform/webhooks-and-connectors/how-to/connectors-using).

public sealed record TeamsMessage([property: JsonPropertyName("attachments")] IReadOnlyList<TeamsAttachment> Attachments)
{
    [JsonPropertyName("type")]
    public string Type => "message";
}

public sealed record TeamsAttachment([property: JsonPropertyName("content")] AdaptiveCard Content)
{
    public const string AdaptiveCardContentType = "application/vnd.microsoft.card.adaptive";

    [JsonPropertyName("contentType")]
    public string ContentType => AdaptiveCardContentType;

    /// <summary>Written as null, as in the documented example: the card is inline, not fetched.</summary>
    [JsonPropertyName("contentUrl")]
    [JsonIgnore(Condition = JsonIgnoreCondition.Never)]
    public string? ContentUrl => null;
}

/// <summary>An Adaptive Card (https://adaptivecards.io/explorer/AdaptiveCard.html), version 1.2 as in the Teams example.</summary>
public sealed record AdaptiveCard(
    [property: JsonPropertyName("body")] IReadOnlyList<object> Body,
    [property: JsonPropertyName("actions")] IReadOnlyList<AdaptiveOpenUrlAction>? Actions)
{
    public const string Schema = "http://adaptivecards.io/schemas/adaptive-card.json";

    [JsonPropertyName("$schema")]
    public string SchemaUrl => Schema;

    [JsonPropertyName("type")]
    public string Type => "AdaptiveCard";

    [JsonPropertyName("version")]
    public string Version => "1.2";
}

public sealed record AdaptiveTextBlock(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("wrap")] bool Wrap = true,
    [property: JsonPropertyName("size")] string? Size = null,
    [property: JsonPropertyName("weight")] string? Weight = null,
    [property: JsonPropertyName("color")] string? Color = null)
{
    [JsonPropertyName("type")]
    public string Type => "TextBlock";
}

public sealed record AdaptiveFactSet([property: JsonPropertyName("facts")] IReadOnlyList<AdaptiveFact> Facts)
{
    [JsonPropertyName("type")]
    public string Type => "FactSet";
}

public sealed record AdaptiveFact(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("value")] string Value);

/// <summary>Action.OpenUrl, one of the actions Teams supports in webhook cards.</summary>
public sealed record AdaptiveOpenUrlAction(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("url")] string Url)
{
    [JsonPropertyName("type")]
    public string Type => "Action.OpenUrl";
}
