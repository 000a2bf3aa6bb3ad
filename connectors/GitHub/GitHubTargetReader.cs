using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>Reads what a target is (describe) and the work under it (fetch), one target at a time.</summary>
internal static class GitHubTargetReader
{
    public static async Task<TargetDescription> DescribeAsync(GitHubSession session, GitHubTarget target, GitHubCall call, CancellationToken ct)
    {
        try
        {
            switch (target)
            {
                // Describing is a one-off read when a link is made: through Octokit (no ETag to gain).
                case IssueTarget issue:
                    var found = await session.OctokitApi.GetIssueAsync(call, issue.Repository, issue.Number, ct);
                    return found.IsPullRequest
                        ? new TargetDescription(false, found.Title, found.HtmlUrl, $"{issue.ExternalId} is a pull request, not an issue")
                        : new TargetDescription(true, found.Title, found.HtmlUrl, null);

                case MilestoneTarget milestone:
                    var resolved = milestone.Number is { } number
                        ? await session.OctokitApi.GetMilestoneAsync(call, milestone.Repository, number, ct)
                        : Match(await session.OctokitApi.ListMilestonesAsync(call, milestone.Repository, ct), milestone);
                    return new TargetDescription(true, resolved.Title, resolved.HtmlUrl, null);

                // Labels stay on the HttpClient path: Octokit 14 puts label names into the URL unescaped ("size/3").
                case LabelTarget labels:
                    var repository = await session.Api.GetRepositoryAsync(call, labels.Repository, ct);
                    foreach (var label in labels.Labels)
                    {
                        await session.Api.GetLabelAsync(call, labels.Repository, label, ct);
                    }

                    var query = string.Join(" ", labels.Labels.Select(l => $"label:\"{l}\""));
                    return new TargetDescription(
                        true,
                        $"{repository.FullName} issues labelled {string.Join(" + ", labels.Labels)}",
                        $"{repository.HtmlUrl}/issues?q={Uri.EscapeDataString("is:issue " + query)}",
                        null);

                default:
                    throw new ArgumentOutOfRangeException(nameof(target));
            }
        }
        catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound)
        {
            return new TargetDescription(false, null, null, ex.Message);
        }
    }

    /// <summary>
    /// The target's work items. On a failure part-way, returns what was read so far as incomplete, with the failure,
    /// so the caller can decide whether the rest of the fetch can go on.
    /// </summary>
    public static async Task<(TargetItems Items, TrackerException? Failure)> FetchAsync(
        GitHubSession session, GitHubTarget target, DateTimeOffset? since, GitHubCall call, CancellationToken ct)
    {
        var mapper = new GitHubWorkItemMapper(session.Settings.InProgressLabels, session.PointsPattern);
        var items = new List<WorkItem>();

        // At most maxConcurrentRequests targets of the connector are read at once, however many fetches the engine
        // runs together (GitHub asks for serial requests; the default of 1 keeps them so).
        await session.TargetReads.WaitAsync(ct);
        try
        {
            var (pages, parent) = await PagesAsync(session, target, since, call, ct);
            await foreach (var page in pages)
            {
                items.AddRange(page
                    .Select(issue => mapper.Map(issue, parent))
                    .OfType<WorkItem>()
                    .Where(item => item.ExternalId != parent));
            }

            return (new TargetItems(target.Ref, items, true, null), null);
        }
        catch (TrackerException ex)
        {
            return (new TargetItems(target.Ref, items, false, $"{ex.Category}: {ex.Message}"), ex);
        }
        finally
        {
            session.TargetReads.Release();
        }
    }

    private static async Task<(IAsyncEnumerable<IReadOnlyList<IssuePayload>> Pages, string? Parent)> PagesAsync(
        GitHubSession session, GitHubTarget target, DateTimeOffset? since, GitHubCall call, CancellationToken ct)
    {
        switch (target)
        {
            // Sub-issues may live in other repositories of the owner; the endpoint has no `since`, so it is always read
            // whole (the ETag cache makes an unchanged list free). A full list is a valid answer to an incremental fetch.
            case IssueTarget issue:
                return (session.Api.ListSubIssuesAsync(call, issue.Repository, issue.Number, ct), issue.ExternalId);

            case MilestoneTarget milestone:
                var number = milestone.Number ?? (await ResolveMilestoneAsync(session, milestone, call, ct)).Number;
                return (session.Api.ListIssuesAsync(call, milestone.Repository, number, null, since, ct), null);

            case LabelTarget labels:
                return (session.Api.ListIssuesAsync(call, labels.Repository, null, labels.Labels, since, ct), null);

            default:
                throw new ArgumentOutOfRangeException(nameof(target));
        }
    }

    /// <summary>
    /// A milestone named by title, during a fetch: the list is read on every sync, so it stays on the conditional
    /// HttpClient path (an unchanged list is a free 304).
    /// </summary>
    private static async Task<MilestonePayload> ResolveMilestoneAsync(GitHubSession session, MilestoneTarget target, GitHubCall call, CancellationToken ct)
    {
        var all = new List<MilestonePayload>();
        await foreach (var page in session.Api.ListMilestonesAsync(call, target.Repository, ct))
        {
            all.AddRange(page);
        }

        return Match(all, target);
    }

    /// <summary>The milestone with the target's title: exact first, then a single case-insensitive match.</summary>
    private static MilestonePayload Match(IReadOnlyList<MilestonePayload> all, MilestoneTarget target)
    {
        var exact = all.FirstOrDefault(m => m.Title == target.Title);
        var loose = all.Where(m => string.Equals(m.Title, target.Title, StringComparison.OrdinalIgnoreCase)).ToList();
        return exact ?? (loose.Count == 1 ? loose[0] : null)
            ?? throw new TrackerException(TrackerErrorCategory.NotFound, $"no milestone titled \"{target.Title}\" in {target.Repository}");
    }
}
