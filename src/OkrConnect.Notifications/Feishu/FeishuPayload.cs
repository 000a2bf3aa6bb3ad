using System.Text.Json.Serialization;

namespace OkrConnect.Notifications.Feishu;

// A custom bot message card: {"msg_type":"interactive","card":{"header":…,"elements":[…]}}, plus "timestamp" and
// "sign" at the top level when the bot verifies signatures.

public sealed record FeishuMessage(
    [property: JsonPropertyName("card")] FeishuCard Card,
    [property: JsonPropertyName("timestamp")] string? Timestamp = null,
    [property: JsonPropertyName("sign")] string? Sign = null)
{
    [JsonPropertyName("msg_type")]
    public string MessageType => "interactive";
}

public sealed record FeishuCard(
    [property: JsonPropertyName("header")] FeishuHeader Header,
    [property: JsonPropertyName("elements")] IReadOnlyList<object> Elements);

/// <summary>The card title and its colour template ("blue", "orange", "red", …).</summary>
public sealed record FeishuHeader(
    [property: JsonPropertyName("title")] FeishuText Title,
    [property: JsonPropertyName("template")] string Template);

/// <summary>A text object; "plain_text" shows user text exactly as typed (lark_md would interpret it).</summary>
public sealed record FeishuText(
    [property: JsonPropertyName("tag")] string Tag,
    [property: JsonPropertyName("content")] string Content);

public sealed record FeishuDiv(
    [property: JsonPropertyName("text")] FeishuText? Text = null,
    [property: JsonPropertyName("fields")] IReadOnlyList<FeishuField>? Fields = null)
{
    [JsonPropertyName("tag")]
    public string Tag => "div";
}

public sealed record FeishuField(
    [property: JsonPropertyName("is_short")] bool IsShort,
    [property: JsonPropertyName("text")] FeishuText Text);

public sealed record FeishuAction([property: JsonPropertyName("actions")] IReadOnlyList<FeishuButton> Actions)
{
    [JsonPropertyName("tag")]
    public string Tag => "action";
}

/// <summary>A link button: opens <see cref="Url"/>; "type" is its style (default, primary, danger).</summary>
public sealed record FeishuButton(
    [property: JsonPropertyName("text")] FeishuText Text,
    [property: JsonPropertyName("url")] string Url,
    [property: JsonPropertyName("type")] string Type)
{
    [JsonPropertyName("tag")]
    public string Tag => "button";
}
