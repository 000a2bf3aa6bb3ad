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
    /// The target's work items. With a stored <paramref name="knownVersion"/> of a whole read, each page is asked "changed
    /// since?" first: when none changed, the answer is <see cref="TargetItems.Unchanged"/> and no item is parsed.
    /// On a failure part-way, returns what was read so far as incomplete, with the failure, so the caller can decide
    /// whether the rest of the fetch can go on.
    /// </summary>
    public static async Task<(TargetItems Items, TrackerException? Failure)> FetchAsync(
        GitHubSession session, GitHubTarget target, DateTimeOffset? since, string? knownVersion, GitHubCall call, CancellationToken ct)
    {
        var mapper = new GitHubWorkItemMapper(session.Settings.InProgressLabels, session.PointsPattern);
        var items = new List<WorkItem>();

        // At most maxConcurrentRequests targets of the connector are read at once, however many fetches the engine
        // runs together (GitHub asks for serial requests; the default of 1 keeps them so).
        await session.TargetReads.WaitAsync(ct);
        try
        {
            var (first, parent) = await FirstPageAsync(session, target, since, call, ct);
            var fingerprint = GitHubTargetVersion.FingerprintOf(session.Settings);
            ListPage<IssuePayload>? changedFirstPage = null;
            if (Confirmable(GitHubTargetVersion.Parse(knownVersion), target, first, fingerprint) is { } known)
            {
                (var unchanged, changedFirstPage) = await ConfirmUnchangedAsync(session, known, call, ct);
                if (unchanged)
                {
                    return (new TargetItems(target.Ref, [], true, null, knownVersion, Unchanged: true), null);
                }
            }

            var pages = new List<GitHubPageVersion>();
            var everyPageTagged = true;
            for (Uri? url = first; url is not null;)
            {
                // The first page's changed answer is already here: a one-page target costs one call either way.
                var page = changedFirstPage ?? await session.Api.GetIssuePageAsync(call, url, null, ct);
                changedFirstPage = null;
                items.AddRange(page.Items
                    .Select(issue => mapper.Map(issue, parent))
                    .OfType<WorkItem>()
                    .Where(item => item.ExternalId != parent));
                if (page.ETag is { } etag)
                {
                    pages.Add(new GitHubPageVersion(url.AbsoluteUri, etag, page.Items.Count));
                }
                else
                {
                    everyPageTagged = false;
                }

                url = page.Next;
            }

            // A read with "since" is not the whole list, and a page without an ETag cannot be asked about again.
            var whole = since is null || target is IssueTarget;
            var version = whole && everyPageTagged ? new GitHubTargetVersion(fingerprint, pages).Serialize() : null;
            return (new TargetItems(target.Ref, items, true, null, version), null);
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

    /// <summary>
    /// The stored version, when it can vouch for the stored items: written under the same settings, starting at the
    /// page this read would start at. A full last page of a repository list is not trusted: a new issue could sit on a
    /// page after it, and that page's ETag was never seen. Sub-issues are exempt: GitHub allows at most 100 per parent,
    /// one page of 100. https://docs.github.com/en/issues/tracking-your-work-with-issues/using-issues/adding-sub-issues
    /// </summary>
    private static GitHubTargetVersion? Confirmable(GitHubTargetVersion? known, GitHubTarget target, Uri first, string fingerprint) =>
        known is not null
        && known.Fingerprint == fingerprint
        && known.Pages[0].Url == first.AbsoluteUri
        && (target is IssueTarget || known.Pages[^1].Count < PageSize)
            ? known
            : null;

    private const int PageSize = 100;

    /// <summary>
    /// Asks for every known page with its ETag; unchanged when all answered 304. At the first page that changed, stops:
    /// the caller reads the target in full, starting with that answer when it is the first page's, and from the first
    /// page otherwise (the items of the pages before it were never sent).
    /// </summary>
    private static async Task<(bool Unchanged, ListPage<IssuePayload>? ChangedFirstPage)> ConfirmUnchangedAsync(
        GitHubSession session, GitHubTargetVersion known, GitHubCall call, CancellationToken ct)
    {
        for (var i = 0; i < known.Pages.Count; i++)
        {
            if (!Uri.TryCreate(known.Pages[i].Url, UriKind.Absolute, out var url))
            {
                return (false, null);
            }

            var answer = await session.Api.GetIssuePageAsync(call, url, known.Pages[i].ETag, ct);
            if (!answer.NotModified)
            {
                return (false, i == 0 ? answer : null);
            }
        }

        return (true, null);
    }

    private static async Task<(Uri First, string? Parent)> FirstPageAsync(
        GitHubSession session, GitHubTarget target, DateTimeOffset? since, GitHubCall call, CancellationToken ct)
    {
        switch (target)
        {
            // Sub-issues may live in other repositories of the owner; the endpoint has no `since`, so it is always read
            // whole (an unchanged list costs one 304). A full list is a valid answer to an incremental fetch.
            case IssueTarget issue:
                return (session.Api.SubIssuesUrl(issue.Repository, issue.Number), issue.ExternalId);

            case MilestoneTarget milestone:
                var number = milestone.Number ?? (await ResolveMilestoneAsync(session, milestone, call, ct)).Number;
                return (session.Api.IssuesUrl(milestone.Repository, number, null, since), null);

            case LabelTarget labels:
                return (session.Api.IssuesUrl(labels.Repository, null, labels.Labels, since), null);

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
