using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.Jira.Payloads;

/// <summary>
/// A webhook delivery body (Cloud and Data Center share it; Cloud adds <c>issue_event_type_name</c>).
/// https://developer.atlassian.com/cloud/jira/platform/webhooks/
/// </summary>
internal sealed record JiraWebhookEvent
{
    public long? Timestamp { get; init; }

    public string? WebhookEvent { get; init; }

    [JsonPropertyName("issue_event_type_name")]
    public string? IssueEventTypeName { get; init; }

    public JiraIssue? Issue { get; init; }

    public JiraChangelog? Changelog { get; init; }
}

internal sealed record JiraChangelog
{
    public string? Id { get; init; }

    public IReadOnlyList<JiraChangelogItem>? Items { get; init; }
}

internal sealed record JiraChangelogItem
{
    public string? Field { get; init; }

    public string? FieldId { get; init; }

    public string? From { get; init; }

    public string? FromString { get; init; }

    public string? To { get; init; }

    [JsonPropertyName("toString")]
    public string? ToText { get; init; }
}
