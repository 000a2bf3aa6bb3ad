using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Reminder comments (<see cref="IReminderCommenter"/>): one new Markdown comment per reminder on the linked parent
/// issue, starting with a hidden marker and mentioning the owner as <c>@login</c>. Before creating, the issue's comments
/// are searched for the marker among those written by our own identity (someone quoting the marker is not us), so a
/// retry after a lost outcome never posts twice. The create takes its turn in the token's <see cref="MutationPacer"/>
/// like every other write, and is not retried on a timeout (the next attempt's search finds it if it went through).
/// https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
/// </summary>
public sealed partial class GitHubConnector : IReminderCommenter
{
    public bool CanComment(TargetRef target) => GitHubTarget.Parse(target, out _) is IssueTarget;

    public IReadOnlyList<string> ValidateAccount(ConnectorSettings settings, string account) =>
        GitHubReminderText.IsLogin(account)
            ? []
            : [$"\"{account}\" is not a GitHub login (letters, digits, single hyphens, such as octocat; without the @)"];

    public async Task<ReminderCommentResult> PostReminderAsync(ConnectorSettings settings, ReminderComment request, CancellationToken ct)
    {
        if (GitHubTarget.Parse(request.Target, out var error) is not IssueTarget issue)
        {
            throw new TrackerException(TrackerErrorCategory.InvalidRequest, error ?? $"{request.Target.Kind} targets have no single issue to comment on");
        }

        if (!ReminderComment.IsValidMarkerKey(request.MarkerKey))
        {
            throw new TrackerException(TrackerErrorCategory.InvalidRequest, "the reminder's marker key is not valid");
        }

        var session = _sessions.For(settings);
        var scope = new GitHubCallScope();
        var call = await session.CallForAsync(issue.Repository, scope, ct);
        var marker = GitHubReminderText.Marker(request.MarkerKey);
        var ownLogin = await session.OwnLoginAsync(call, ct);
        await foreach (var page in session.Api.ListCommentsAsync(call, issue.Repository, issue.Number, ct))
        {
            var ours = page.FirstOrDefault(comment =>
                comment.Body?.Contains(marker, StringComparison.Ordinal) == true
                && string.Equals(comment.User?.Login, ownLogin, StringComparison.OrdinalIgnoreCase));
            if (ours is not null)
            {
                return new ReminderCommentResult(ours.Id.ToString(CultureInfo.InvariantCulture), Created: false, scope.ApiCalls);
            }
        }

        var created = await session.Api.CreateCommentAsync(call, issue.Repository, issue.Number, GitHubReminderText.Render(request), ct);
        return new ReminderCommentResult(created.Id.ToString(CultureInfo.InvariantCulture), Created: true, scope.ApiCalls);
    }
}

/// <summary>
/// A reminder as GitHub Markdown: the marker, the title in bold, the owner (<c>@login</c>, or the name escaped so it
/// mentions nobody) and the text, the facts, and a link back. User text goes through <see cref="MarkdownRenderer.Inline"/>.
/// </summary>
internal static partial class GitHubReminderText
{
    public static string Marker(string markerKey) => $"<!-- okrconnect:reminder={markerKey} -->";

    // github.com logins: letters, digits, single inner hyphens, at most 39; Enterprise Managed Users add "_shortcode".
    public static bool IsLogin(string account) => account.Length <= 100 && Login().IsMatch(account);

    public static string Render(ReminderComment request)
    {
        var owner = request.OwnerAccount is { } login && IsLogin(login) ? "@" + login : $"**{MarkdownRenderer.Inline(request.OwnerName)}**";
        var body = new StringBuilder();
        body.Append(Marker(request.MarkerKey)).Append('\n');
        body.Append("**").Append(MarkdownRenderer.Inline(request.Title)).Append("**\n\n");
        body.Append(owner).Append(' ').Append(MarkdownRenderer.Inline(request.Text)).Append('\n');

        var facts = request.Facts.Where(f => !string.IsNullOrWhiteSpace(f.Value))
            .Select(f => $"{MarkdownRenderer.Inline(f.Label)}: {MarkdownRenderer.Inline(f.Value)}")
            .ToList();
        if (facts.Count > 0)
        {
            body.Append('\n').Append(string.Join(" · ", facts)).Append('\n');
        }

        if (request.Url is { } url)
        {
            var label = string.IsNullOrWhiteSpace(request.UrlLabel) ? url : request.UrlLabel;
            body.Append('\n').Append('[').Append(MarkdownRenderer.Inline(label)).Append("](").Append(LinkTarget(url)).Append(")\n");
        }

        return body.ToString();
    }

    // A Markdown link target ends at a space or an unbalanced ')'.
    private static string LinkTarget(string url) =>
        url.Replace(" ", "%20", StringComparison.Ordinal).Replace("(", "%28", StringComparison.Ordinal).Replace(")", "%29", StringComparison.Ordinal);

    [GeneratedRegex("^[A-Za-z0-9](?:[A-Za-z0-9_]|-(?=[A-Za-z0-9]))*$")]
    private static partial Regex Login();
}
