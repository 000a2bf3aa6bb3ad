using System.Text.RegularExpressions;

namespace OkrConnect.Core.Connectors;

/// <summary>
/// Optional connector ability, declared by <see cref="ConnectorCapabilities.ReminderComments"/>: posts an OKR reminder
/// as a comment on a link target (an epic, a parent issue), mentioning the key result's owner. Posting is idempotent
/// per <see cref="ReminderComment.MarkerKey"/>: the connector first looks for a comment of its own carrying the marker
/// and returns it instead of posting again, so a retry after a crash (the comment went out, its outcome was lost) never
/// posts twice. Failures are thrown as <see cref="TrackerException"/>.
/// </summary>
public interface IReminderCommenter
{
    /// <summary>Whether the target names one place a comment can go (an epic or parent issue, not a query or label set).</summary>
    bool CanComment(TargetRef target);

    /// <summary>
    /// Problems with <paramref name="account"/> as this tracker names a person to mention (Jira Cloud: an accountId;
    /// Jira Data Center: a user name; GitHub: a login); empty when it is usable. Makes no call, and
    /// <paramref name="settings"/> may come without credentials.
    /// </summary>
    IReadOnlyList<string> ValidateAccount(ConnectorSettings settings, string account);

    /// <summary>
    /// Ensures one comment with <paramref name="request"/>'s marker on its target: finds ours, else creates it.
    /// The text is rendered natively (ADF, wiki markup, Markdown); <see cref="ReminderComment.OwnerAccount"/> becomes a
    /// real mention, and without one the owner is named in plain text (nobody is notified by accident).
    /// </summary>
    Task<ReminderCommentResult> PostReminderAsync(ConnectorSettings settings, ReminderComment request, CancellationToken ct);
}

/// <summary>
/// One reminder to post. <see cref="MarkerKey"/> is unique per key result, reminder kind and day (see
/// <see cref="IsValidMarkerKey"/> for its alphabet) and is stored invisibly with the comment. <see cref="OwnerName"/>
/// is the owner as OkrConnect knows them; <see cref="OwnerAccount"/> is their account on this tracker, when mapped.
/// Texts are plain (the connector escapes them); <see cref="Url"/> links back to OkrConnect.
/// </summary>
public sealed partial record ReminderComment(
    TargetRef Target,
    string MarkerKey,
    string OwnerName,
    string? OwnerAccount,
    string Title,
    string Text,
    IReadOnlyList<ReminderCommentFact> Facts,
    string? Url = null,
    string? UrlLabel = null)
{
    public const int MaxMarkerKeyLength = 200;

    /// <summary>Lower-case letters, digits, ':', '.' and single '-': safe in an HTML comment and in a JSON property.</summary>
    public static bool IsValidMarkerKey(string? key) =>
        key is { Length: > 0 and <= MaxMarkerKeyLength } && MarkerKeyPattern().IsMatch(key) && !key.Contains("--", StringComparison.Ordinal);

    [GeneratedRegex("^[a-z0-9][a-z0-9:.-]*$")]
    private static partial Regex MarkerKeyPattern();
}

/// <summary>A label and its value, shown on one line under the reminder (objective, cycle).</summary>
public sealed record ReminderCommentFact(string Label, string Value);

/// <summary>The comment that holds the reminder; <see cref="Created"/> is false when one with the marker was already there.</summary>
public sealed record ReminderCommentResult(string CommentId, bool Created, int ApiCalls);

public static class ReminderCommenterExtensions
{
    /// <summary>
    /// The connector as an <see cref="IReminderCommenter"/> when it both declares
    /// <see cref="ConnectorCapabilities.ReminderComments"/> and implements it; otherwise null.
    /// </summary>
    public static IReminderCommenter? AsReminderCommenter(this ITrackerConnector connector) =>
        connector is IReminderCommenter commenter && connector.Capabilities.HasFlag(ConnectorCapabilities.ReminderComments) ? commenter : null;
}
