using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using OkrConnect.Connectors.Jira.Payloads;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Reminder comments (<see cref="IReminderCommenter"/>): one new comment per reminder on the linked epic, mentioning the
/// key result's owner: an ADF <c>mention</c> node on Cloud, <c>[~username]</c> wiki markup on Data Center. The marker
/// rides along as the comment property <c>okrconnect.reminder</c>, set in the same call that creates the comment, and is
/// looked for before creating, so a retry after a lost outcome finds the comment instead of posting it twice. A comment
/// property cannot be quoted into someone else's comment the way text can, so the marker alone identifies ours.
/// </summary>
public sealed partial class JiraConnector : IReminderCommenter
{
    /// <summary>The comment property that carries a reminder's marker key: <c>{"marker": "check-in-due:…:2026-11-03"}</c>.</summary>
    internal const string ReminderPropertyKey = "okrconnect.reminder";

    public bool CanComment(TargetRef target) => target.Kind == EpicTargetKind && JqlText.IssueKey().IsMatch(target.Key);

    public IReadOnlyList<string> ValidateAccount(ConnectorSettings settings, string account)
    {
        if (IsCloud(settings))
        {
            return CloudAccountId().IsMatch(account)
                ? []
                : [$"\"{account}\" is not a Jira Cloud accountId (such as 5b10a2844c20165700ede21g or 712020:5b10ac8d-82e0-5b22-cc7d-4ef5aa11bb22): mentions on Cloud need the accountId, not an e-mail address or a display name"];
        }

        return DataCenterUserName().IsMatch(account)
            ? []
            : [$"\"{account}\" is not a Jira Data Center user name (the login name, such as jsmith; no spaces or any of []{{}}|~)"];
    }

    public async Task<ReminderCommentResult> PostReminderAsync(ConnectorSettings settings, ReminderComment request, CancellationToken ct)
    {
        if (!CanComment(request.Target))
        {
            throw new TrackerException(TrackerErrorCategory.InvalidRequest, $"{request.Target.Kind} \"{request.Target.Key}\" is not an epic a comment can be posted on");
        }

        if (!ReminderComment.IsValidMarkerKey(request.MarkerKey))
        {
            throw new TrackerException(TrackerErrorCategory.InvalidRequest, "the reminder's marker key is not valid");
        }

        var jira = JiraSettings.Parse(settings);
        var session = new JiraSession(settings, jira);
        var key = request.Target.Key;
        if (await FindReminderCommentAsync(session, key, request.MarkerKey, ct) is { } existing)
        {
            return new ReminderCommentResult(existing, Created: false, session.ApiCalls);
        }

        // A mention needs an account the deployment accepts; a mapping that does not fit names the owner in plain text instead.
        var account = request.OwnerAccount is { } mapped && ValidateAccount(settings, mapped).Count == 0 ? mapped : null;
        JsonNode body = jira.Deployment == JiraDeployment.Cloud
            ? JiraReminderText.Adf(request, account)
            : JsonValue.Create(JiraReminderText.Wiki(request, account));
        var marker = new JsonObject { ["marker"] = request.MarkerKey };
        var created = await _client.AddCommentAsync(session, key, new JiraCommentWrite(body, [new JiraEntityProperty { Key = ReminderPropertyKey, Value = marker }]), ct);
        return new ReminderCommentResult(created.Id, Created: true, session.ApiCalls);
    }

    // Only the deployment matters here, and the settings may come without credentials: read it alone.
    private static bool IsCloud(ConnectorSettings settings)
    {
        try
        {
            var deployment = JsonNode.Parse(string.IsNullOrWhiteSpace(settings.OptionsJson) ? "{}" : settings.OptionsJson)?["deployment"]?.GetValue<string>();
            return deployment?.Trim().ToLowerInvariant() is not ("datacenter" or "data-center" or "server");
        }
        catch (Exception ex) when (ex is System.Text.Json.JsonException or InvalidOperationException or FormatException)
        {
            return true;
        }
    }

    /// <summary>Our reminder comment with this marker, if any (read through the same paging as the write-back's).</summary>
    private async Task<string?> FindReminderCommentAsync(JiraSession session, string key, string markerKey, CancellationToken ct)
    {
        await foreach (var comments in ListCommentsWithPropertiesAsync(session, key, ct))
        {
            var ours = comments.FirstOrDefault(comment => comment.Properties?.Any(p =>
                p.Key == ReminderPropertyKey
                && p.Value is JsonObject value
                && value["marker"] is JsonValue marker
                && marker.TryGetValue<string>(out var text)
                && string.Equals(text, markerKey, StringComparison.Ordinal)) == true);
            if (ours is not null)
            {
                return ours.Id;
            }
        }

        return null;
    }

    // Cloud accountIds: 24 hex-ish characters (older) or "<number>:<uuid>" (newer).
    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9:_-]{0,127}$")]
    private static partial Regex CloudAccountId();

    // What can sit inside [~…] without ending it early.
    [GeneratedRegex(@"^[^\s\[\]{}|~]{1,255}$")]
    private static partial Regex DataCenterUserName();
}

/// <summary>
/// A reminder as a Jira comment: the title in bold, then the owner (mentioned, or named) and the text, the facts on one
/// line, and a link back to OkrConnect. Text is never markup: ADF text nodes carry it as is, wiki markup escapes it.
/// </summary>
internal static class JiraReminderText
{
    /// <summary>https://developer.atlassian.com/cloud/jira/platform/apis/document/nodes/mention/</summary>
    public static JsonObject Adf(ReminderComment request, string? account)
    {
        var owner = account is null
            ? Text(request.OwnerName, "strong")
            : new JsonObject
            {
                ["type"] = "mention",
                ["attrs"] = new JsonObject { ["id"] = account, ["text"] = "@" + request.OwnerName },
            };
        var blocks = new JsonArray
        {
            Paragraph(Text(request.Title, "strong")),
            Paragraph(owner, Text(" " + request.Text)),
        };

        if (FactsLine(request) is { } facts)
        {
            blocks.Add(Paragraph(Text(facts)));
        }

        if (request.Url is { } url)
        {
            blocks.Add(Paragraph(new JsonObject
            {
                ["type"] = "text",
                ["text"] = Label(request),
                ["marks"] = new JsonArray { new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = url } } },
            }));
        }

        return new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = blocks };
    }

    /// <summary>https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa?section=all (user links: <c>[~username]</c>)</summary>
    public static string Wiki(ReminderComment request, string? account)
    {
        var lines = new List<string>
        {
            $"*{WikiMarkupRenderer.Escape(request.Title)}*",
            $"{(account is null ? $"*{WikiMarkupRenderer.Escape(request.OwnerName)}*" : $"[~{account}]")} {WikiMarkupRenderer.Escape(request.Text)}",
        };

        if (FactsLine(request) is { } facts)
        {
            lines.Add(WikiMarkupRenderer.Escape(facts));
        }

        if (request.Url is { } url)
        {
            lines.Add($"[{WikiMarkupRenderer.Escape(Label(request))}|{url.Replace("|", "%7C", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal)}]");
        }

        return string.Join("\n", lines);
    }

    private static string? FactsLine(ReminderComment request)
    {
        var facts = request.Facts.Where(f => !string.IsNullOrWhiteSpace(f.Value)).Select(f => $"{f.Label}: {f.Value}").ToList();
        return facts.Count == 0 ? null : string.Join(" · ", facts);
    }

    private static string Label(ReminderComment request) => string.IsNullOrWhiteSpace(request.UrlLabel) ? request.Url! : request.UrlLabel;

    private static JsonObject Paragraph(params JsonObject[] inline) => new()
    {
        ["type"] = "paragraph",
        ["content"] = new JsonArray(inline.Cast<JsonNode?>().ToArray()),
    };

    private static JsonObject Text(string value, string? mark = null)
    {
        // ADF refuses empty text nodes.
        var node = new JsonObject { ["type"] = "text", ["text"] = value.Length == 0 ? " " : value.ReplaceLineEndings(" ") };
        if (mark is not null)
        {
            node["marks"] = new JsonArray { new JsonObject { ["type"] = mark } };
        }

        return node;
    }
}
