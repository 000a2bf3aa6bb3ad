using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OkrConnect.Connectors.Jira.Payloads;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Verifies and reads Jira webhook deliveries. Jira signs the raw body with HMAC-SHA256 keyed by the webhook's secret
/// and sends <c>X-Hub-Signature: sha256=&lt;hex&gt;</c>; the delivery id is <c>X-Atlassian-Webhook-Identifier</c>
/// (unchanged across Jira's retries, so the engine can drop duplicates).
/// https://developer.atlassian.com/cloud/jira/platform/webhooks/#secure-admin-webhooks
/// </summary>
internal static class JiraWebhookParser
{
    public const string SignatureHeader = "X-Hub-Signature";
    public const string DeliveryIdHeader = "X-Atlassian-Webhook-Identifier";

    private static readonly HashSet<string> IssueEvents = new(StringComparer.Ordinal)
    {
        "jira:issue_created",
        "jira:issue_updated",
        "jira:issue_deleted",
    };

    // Changelog fields that move an issue between epics (Cloud names the parent change "IssueParentAssociation").
    private static readonly HashSet<string> ParentFields = new(StringComparer.OrdinalIgnoreCase)
    {
        "Epic Link",
        "Parent",
        "IssueParentAssociation",
    };

    public static WebhookParseResult Parse(WebhookDelivery delivery, string? secret, string? epicLinkFieldId)
    {
        var deliveryId = Header(delivery.Headers, DeliveryIdHeader);

        // Nothing from an unverified body is trusted, not even its event type.
        if (!SignatureValid(delivery, secret))
        {
            return new WebhookParseResult(false, deliveryId, null, [], []);
        }

        JiraWebhookEvent? body;
        try
        {
            body = JsonSerializer.Deserialize<JiraWebhookEvent>(delivery.Body, JiraJson.Options);
        }
        catch (JsonException)
        {
            return new WebhookParseResult(true, deliveryId, null, [], []);
        }

        if (body?.WebhookEvent is not { } eventType || !IssueEvents.Contains(eventType) || body.Issue is not { } issue)
        {
            return new WebhookParseResult(true, deliveryId, body?.WebhookEvent, [], []);
        }

        var items = new List<string> { issue.Key };
        if (issue.Fields?.Issuetype?.Subtask == true && issue.Fields.Parent?.Key is { } storyKey)
        {
            // A sub-task counts through its parent: the engine finds the parent's links from the items it stored.
            items.Add(storyKey);
        }

        var epics = new List<string>();
        if (JiraWorkItemMapper.EpicKeyOf(issue, epicLinkFieldId) is { } epic)
        {
            epics.Add(epic);
        }

        // An issue moved to another epic changes the old epic's progress too.
        foreach (var change in body.Changelog?.Items ?? [])
        {
            if ((change.Field is not null && ParentFields.Contains(change.Field))
                || (epicLinkFieldId is not null && string.Equals(change.FieldId, epicLinkFieldId, StringComparison.Ordinal)))
            {
                epics.AddRange(new[] { change.FromString, change.ToText }.Where(k => k is not null && JqlText.IssueKey().IsMatch(k))!);
            }
        }

        var targets = epics
            .Distinct(StringComparer.OrdinalIgnoreCase)
            .Select(key => new TargetRef(JiraConnector.EpicTargetKind, key))
            .ToList();
        return new WebhookParseResult(true, deliveryId, eventType, items, targets);
    }

    /// <summary>Constant-time comparison of the HMAC; no secret configured means nothing verifies.</summary>
    internal static bool SignatureValid(WebhookDelivery delivery, string? secret)
    {
        var header = Header(delivery.Headers, SignatureHeader);
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith("sha256=", StringComparison.OrdinalIgnoreCase))
        {
            return false;
        }

        byte[] claimed;
        try
        {
            claimed = Convert.FromHexString(header.AsSpan("sha256=".Length).Trim());
        }
        catch (FormatException)
        {
            return false;
        }

        var actual = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), delivery.Body);
        return CryptographicOperations.FixedTimeEquals(actual, claimed);
    }

    private static string? Header(IReadOnlyDictionary<string, string> headers, string name)
    {
        if (headers.TryGetValue(name, out var exact))
        {
            return exact;
        }

        foreach (var (key, value) in headers)
        {
            if (string.Equals(key, name, StringComparison.OrdinalIgnoreCase))
            {
                return value;
            }
        }

        return null;
    }
}
