using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Verifies and reads GitHub webhook deliveries. The body is trusted only after <c>X-Hub-Signature-256</c> checks out
/// (HMAC-SHA256 of the raw body with the webhook secret, compared in constant time); a connector without a secret
/// accepts nothing. Payloads are read leniently: old deliveries lack newer fields and new ones add fields.
/// https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries
/// https://docs.github.com/en/webhooks/webhook-events-and-payloads
/// </summary>
internal static class GitHubWebhookParser
{
    public static WebhookParseResult Parse(string? secret, WebhookDelivery delivery)
    {
        var deliveryId = Header(delivery, "X-GitHub-Delivery");
        var eventType = Header(delivery, "X-GitHub-Event");
        if (!SignatureValid(secret, Header(delivery, "X-Hub-Signature-256"), delivery.Body))
        {
            return new WebhookParseResult(false, deliveryId, eventType, [], []);
        }

        var touched = new Touched();
        try
        {
            using var document = JsonDocument.Parse(delivery.Body);
            var root = document.RootElement;
            switch (eventType)
            {
                case "issues":
                    ReadIssuesEvent(root, touched);
                    break;
                case "sub_issues":
                    ReadSubIssuesEvent(root, touched);
                    break;
                case "milestone":
                    if (Repository(root) is { } repository && Object(root, "milestone") is { } milestone)
                    {
                        touched.Milestone(repository, milestone);
                    }

                    break;

                // ping (sent when a hook is created) and events we do not use are valid and touch nothing.
            }
        }
        catch (JsonException)
        {
            // Signed but unreadable: nothing can be taken from it.
            return new WebhookParseResult(true, deliveryId, eventType, [], []);
        }

        return new WebhookParseResult(true, deliveryId, eventType, touched.Items, touched.Targets);
    }

    /// <summary><c>sha256=</c> + lowercase hex HMAC of the raw body, compared in constant time.</summary>
    internal static bool SignatureValid(string? secret, string? header, byte[] body)
    {
        const string prefix = "sha256=";
        if (string.IsNullOrEmpty(secret) || header is null || !header.StartsWith(prefix, StringComparison.Ordinal))
        {
            return false;
        }

        byte[] received;
        try
        {
            received = Convert.FromHexString(header.AsSpan(prefix.Length));
        }
        catch (FormatException)
        {
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body);
        return CryptographicOperations.FixedTimeEquals(expected, received);
    }

    /// <summary>
    /// An issue changed: it is a work item, it may be a parent (github-issue target), and its milestone and labels name
    /// the milestone and label targets it may belong to (before and after the change). Pull requests arrive as
    /// <c>issues</c> events too and are ignored.
    /// </summary>
    private static void ReadIssuesEvent(JsonElement root, Touched touched)
    {
        if (Object(root, "issue") is not { } issue || issue.TryGetProperty("pull_request", out _))
        {
            return;
        }

        if ((IssueRepository(issue) ?? Repository(root)) is not { } repository || Number(issue) is not { } number)
        {
            return;
        }

        touched.Issue(repository, number, asTarget: true);
        if (Object(issue, "milestone") is { } current)
        {
            touched.Milestone(repository, current);
        }

        // milestoned / demilestoned name the milestone at the top level; demilestoned no longer has it on the issue.
        if (Object(root, "milestone") is { } changed)
        {
            touched.Milestone(repository, changed);
        }

        foreach (var label in Array(issue, "labels"))
        {
            touched.Label(repository, label);
        }

        // labeled / unlabeled name the label at the top level; unlabeled no longer has it on the issue.
        if (Object(root, "label") is { } changedLabel)
        {
            touched.Label(repository, changedLabel);
        }

        // A transfer names the issue on the other side: new_issue when leaving, old_issue when arriving.
        if (Object(root, "changes") is { } changes)
        {
            foreach (var (issueField, repositoryField) in new[] { ("new_issue", "new_repository"), ("old_issue", "old_repository") })
            {
                if (Object(changes, issueField) is { } other && Number(other) is { } otherNumber
                    && (IssueRepository(other) ?? FullName(Object(changes, repositoryField))) is { } otherRepository)
                {
                    touched.Issue(otherRepository, otherNumber, asTarget: true);
                }
            }
        }
    }

    /// <summary>
    /// A sub-issue was added to or removed from a parent: the sub-issue is the work item, the parent the target.
    /// The payload carries <c>parent_issue</c>/<c>sub_issue</c> with <c>parent_issue_repo</c> or <c>sub_issue_repo</c>
    /// when they live in another repository.
    /// </summary>
    private static void ReadSubIssuesEvent(JsonElement root, Touched touched)
    {
        if (Object(root, "parent_issue") is { } parent && Number(parent) is { } parentNumber
            && (IssueRepository(parent) ?? FullName(Object(root, "parent_issue_repo")) ?? Repository(root)) is { } parentRepository)
        {
            touched.Target(GitHubTargetKinds.Issue, GitHubIds.Issue(parentRepository, parentNumber));
        }

        if (Object(root, "sub_issue") is { } sub && Number(sub) is { } subNumber
            && (IssueRepository(sub) ?? FullName(Object(root, "sub_issue_repo")) ?? Repository(root)) is { } subRepository)
        {
            touched.Issue(subRepository, subNumber, asTarget: false);
        }
    }

    private static RepositoryRef? Repository(JsonElement root) => FullName(Object(root, "repository"));

    private static RepositoryRef? IssueRepository(JsonElement issue) =>
        issue.TryGetProperty("repository_url", out var url) && url.ValueKind == JsonValueKind.String
            ? RepositoryRef.FromApiUrl(url.GetString())
            : null;

    private static RepositoryRef? FullName(JsonElement? repository) =>
        repository is { } value && value.TryGetProperty("full_name", out var name) && name.ValueKind == JsonValueKind.String
            ? RepositoryRef.Parse(name.GetString()!)
            : null;

    private static int? Number(JsonElement element) =>
        element.TryGetProperty("number", out var number) && number.ValueKind == JsonValueKind.Number && number.TryGetInt32(out var value)
            ? value
            : null;

    private static JsonElement? Object(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Object
            ? value
            : null;

    private static JsonElement[] Array(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray()] : [];

    private static string? Header(WebhookDelivery delivery, string name) =>
        delivery.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>What a delivery touches, without duplicates, in the order first seen.</summary>
    private sealed class Touched
    {
        private readonly HashSet<string> _seenItems = new(StringComparer.Ordinal);
        private readonly HashSet<TargetRef> _seenTargets = [];

        public List<string> Items { get; } = [];

        public List<TargetRef> Targets { get; } = [];

        public void Issue(RepositoryRef repository, int number, bool asTarget)
        {
            var id = GitHubIds.Issue(repository, number);
            if (_seenItems.Add(id))
            {
                Items.Add(id);
            }

            if (asTarget)
            {
                Target(GitHubTargetKinds.Issue, id);
            }
        }

        /// <summary>Both key forms, so a link keyed by number and one keyed by title are both found.</summary>
        public void Milestone(RepositoryRef repository, JsonElement milestone)
        {
            if (Number(milestone) is { } number)
            {
                Target(GitHubTargetKinds.Milestone, GitHubIds.Milestone(repository, number.ToString(CultureInfo.InvariantCulture)));
            }

            if (milestone.TryGetProperty("title", out var title) && title.ValueKind == JsonValueKind.String)
            {
                Target(GitHubTargetKinds.Milestone, GitHubIds.Milestone(repository, title.GetString()!));
            }
        }

        /// <summary>One single-label key per label; a link on several labels is touched when any of its labels is.</summary>
        public void Label(RepositoryRef repository, JsonElement label)
        {
            var name = label.ValueKind switch
            {
                JsonValueKind.String => label.GetString(),
                JsonValueKind.Object when label.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String => n.GetString(),
                _ => null,
            };

            if (!string.IsNullOrEmpty(name))
            {
                Target(GitHubTargetKinds.Label, GitHubIds.Label(repository, name));
            }
        }

        public void Target(string kind, string key)
        {
            var target = new TargetRef(kind, key);
            if (_seenTargets.Add(target))
            {
                Targets.Add(target);
            }
        }
    }
}
