using System.Text.Json.Serialization;

namespace OkrConnect.Notifications.DingTalk;

// A markdown message: {"msgtype":"markdown","markdown":{"title":…,"text":…}}. The title is what the conversation list
// and notifications show; the text is the message (DingTalk's markdown subset).

public sealed record DingTalkMessage([property: JsonPropertyName("markdown")] DingTalkMarkdown Markdown)
{
    [JsonPropertyName("msgtype")]
    public string MessageType => "markdown";
}

public sealed record DingTalkMarkdown(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("text")] string Text);
