using System.Text.Json.Serialization;

namespace OkrConnect.Notifications.WeCom;

// A markdown message: {"msgtype":"markdown","markdown":{"content":…}}; content is at most 4096 bytes of UTF-8.

public sealed record WeComMessage([property: JsonPropertyName("markdown")] WeComMarkdown Markdown)
{
    [JsonPropertyName("msgtype")]
    public string MessageType => "markdown";
}

public sealed record WeComMarkdown([property: JsonPropertyName("content")] string Content);
