using System.Text.Json.Serialization;

namespace OkrConnect.Notifications.Slack;

// The body of an incoming webhook message, mirroring Slack's documented fields: "text" is the notification fallback,
// "blocks" the Block Kit layout (https://api.slack.com/reference/block-kit/blocks).

public sealed record SlackMessage(
    [property: JsonPropertyName("text")] string Text,
    [property: JsonPropertyName("blocks")] IReadOnlyList<object> Blocks);

/// <summary>A header block: plain text only, at most 150 characters.</summary>
public sealed record SlackHeaderBlock([property: JsonPropertyName("text")] SlackText Text)
{
    [JsonPropertyName("type")]
    public string Type => "header";
}

/// <summary>A section block with text (at most 3000 characters) or fields (at most 10, 2000 characters each).</summary>
public sealed record SlackSectionBlock(
    [property: JsonPropertyName("text")] SlackText? Text = null,
    [property: JsonPropertyName("fields")] IReadOnlyList<SlackText>? Fields = null)
{
    [JsonPropertyName("type")]
    public string Type => "section";
}

/// <summary>A text object: type "plain_text" or "mrkdwn".</summary>
public sealed record SlackText(
    [property: JsonPropertyName("type")] string Type,
    [property: JsonPropertyName("text")] string Text);
