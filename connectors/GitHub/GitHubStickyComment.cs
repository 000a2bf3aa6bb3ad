using System.Globalization;
using OkrConnect.Core.Connectors;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Ensures one progress comment per key result on a parent issue: edits the remembered one directly (one paced PATCH,
/// no read); without one (or when it was deleted) finds it by its hidden marker among comments written by our own
/// identity (someone else's comment quoting the marker is not ours), then creates it only if absent and edits it only
/// if its text differs.
/// A crash between creating the comment and storing its id is healed by the marker search on the next run, so the
/// comment is created once. Creates are not retried on a timeout for the same reason: the next run finds the comment
/// if the create went through. Every result carries the writes still waiting in the token's pacer once this one is done
/// (<see cref="WriteBackResult.PendingWrites"/>).
/// </summary>
internal static class GitHubStickyComment
{
    public static async Task<WriteBackResult> EnsureAsync(
        GitHubSession session, IssueTarget target, WriteBackRequest request, string fallbackLocale, GitHubCallScope scope, CancellationToken ct)
    {
        var call = await session.CallForAsync(target.Repository, scope, ct);
        var body = MarkdownRenderer.Render(request.KeyResultId, request.Content, fallbackLocale);

        // 1. The comment we wrote last time: edited in place, no read first (the engine only asks when what it says
        //    changed). The id is ours: the engine stores only ids this method returned, i.e. a comment we created or one
        //    found below with our marker and our own login; and the new body carries the marker again. A 404 means it
        //    was deleted (or left with a transferred issue): then look for it by marker, else create it again.
        if (long.TryParse(request.KnownRemoteId, NumberStyles.None, CultureInfo.InvariantCulture, out var knownId))
        {
            try
            {
                var edited = await session.Api.UpdateCommentAsync(call, target.Repository, knownId, body, ct);
                return new WriteBackResult(Id(edited), scope.ApiCalls, Written: true, PendingWrites: call.Lane.Pacer.Pending);
            }
            catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound)
            {
                // Deleted: the marker search below finds a copy (never two comments) or the create below replaces it.
            }
        }

        var existing = await FindAsync(session, target, request, call, ct);
        if (existing is null)
        {
            var created = await session.Api.CreateCommentAsync(call, target.Repository, target.Number, body, ct);
            return new WriteBackResult(Id(created), scope.ApiCalls, Written: true, PendingWrites: call.Lane.Pacer.Pending);
        }

        if (Normalise(existing.Body) == Normalise(body))
        {
            return new WriteBackResult(Id(existing), scope.ApiCalls, Written: false, PendingWrites: call.Lane.Pacer.Pending);
        }

        var updated = await session.Api.UpdateCommentAsync(call, target.Repository, existing.Id, body, ct);
        return new WriteBackResult(Id(updated), scope.ApiCalls, Written: true, PendingWrites: call.Lane.Pacer.Pending);
    }

    // 2. Our comment from a run that never stored its id (a crash), or a copy after the remembered one vanished.
    private static async Task<CommentPayload?> FindAsync(GitHubSession session, IssueTarget target, WriteBackRequest request, GitHubCall call, CancellationToken ct)
    {
        var marker = MarkdownRenderer.Marker(request.KeyResultId);
        var ownLogin = await session.OwnLoginAsync(call, ct);
        await foreach (var page in session.Api.ListCommentsAsync(call, target.Repository, target.Number, ct))
        {
            var ours = page.FirstOrDefault(comment =>
                comment.Body?.Contains(marker, StringComparison.Ordinal) == true
                && string.Equals(comment.User?.Login, ownLogin, StringComparison.OrdinalIgnoreCase));
            if (ours is not null)
            {
                return ours;
            }
        }

        return null;
    }

    // GitHub may hand the body back with CRLF line ends or trimmed; neither is a change worth an edit.
    private static string Normalise(string? body) => (body ?? string.Empty).Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd();

    private static string Id(CommentPayload comment) => comment.Id.ToString(CultureInfo.InvariantCulture);
}
