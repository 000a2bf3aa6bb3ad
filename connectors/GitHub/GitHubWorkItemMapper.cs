using System.Globalization;
using System.Text.RegularExpressions;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Classifies a GitHub issue by its stable fields (<c>state</c>, <c>state_reason</c>, labels), never by titles:
/// closed as completed (or with no reason) is done; closed as not planned or duplicate is excluded; open with an
/// in-progress label is in progress; any other open issue is to do.
/// A closed issue with a reason GitHub may add later is excluded, with the reason named: every reason added so far
/// (not_planned, duplicate) means "not done", and excluding keeps it out of both sides of the fraction rather than
/// claiming work was delivered.
/// </summary>
internal sealed class GitHubWorkItemMapper(IReadOnlyCollection<string> inProgressLabels, Regex? pointsPattern)
{
    private readonly HashSet<string> _inProgress = new(inProgressLabels, StringComparer.OrdinalIgnoreCase);

    /// <summary>Null for pull requests: the issues endpoints return them too, and they are never work items.</summary>
    public WorkItem? Map(IssuePayload issue, string? parentExternalId)
    {
        if (issue.IsPullRequest)
        {
            return null;
        }

        var repository = RepositoryRef.FromApiUrl(issue.RepositoryUrl)
            ?? throw new TrackerException(TrackerErrorCategory.InvalidResponse, $"issue #{issue.Number} has a repository_url that names no repository");
        var (itemClass, excludedReason) = Classify(issue);
        return new WorkItem(
            GitHubIds.Issue(repository, issue.Number),
            itemClass,
            Points(issue),
            excludedReason,
            parentExternalId,
            IsSubtask: false,
            issue.Title);
    }

    internal (WorkItemClass Class, string? ExcludedReason) Classify(IssuePayload issue)
    {
        if (string.Equals(issue.State, "closed", StringComparison.OrdinalIgnoreCase))
        {
            return issue.StateReason switch
            {
                null or "completed" => (WorkItemClass.Done, null),

                // "reopened" is the reason left on an issue that was reopened; if it is closed again without a new
                // reason it was closed the default way, which is completed.
                "reopened" => (WorkItemClass.Done, null),
                "not_planned" => (WorkItemClass.Excluded, "closed as not planned"),
                "duplicate" => (WorkItemClass.Excluded, "closed as duplicate"),
                var other => (WorkItemClass.Excluded, $"closed as \"{other}\" (a reason OkrConnect does not know; counted as excluded)"),
            };
        }

        return issue.Labels.Any(label => _inProgress.Contains(label.Name))
            ? (WorkItemClass.InProgress, null)
            : (WorkItemClass.ToDo, null);
    }

    /// <summary>The first label matching the points pattern gives the points; none means unestimated.</summary>
    internal double? Points(IssuePayload issue)
    {
        if (pointsPattern is null)
        {
            return null;
        }

        foreach (var label in issue.Labels)
        {
            Match match;
            try
            {
                match = pointsPattern.Match(label.Name);
            }
            catch (RegexMatchTimeoutException)
            {
                continue;
            }

            if (match.Success && double.TryParse(match.Groups[1].Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var points) && points >= 0)
            {
                return points;
            }
        }

        return null;
    }
}
