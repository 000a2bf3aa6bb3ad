using System.Globalization;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>The target kinds this connector serves and their key formats.</summary>
public static class GitHubTargetKinds
{
    /// <summary>A parent issue, key <c>owner/repo#123</c>; its sub-issues are the work.</summary>
    public const string Issue = "github-issue";

    /// <summary>A milestone, key <c>owner/repo/7</c> (number) or <c>owner/repo/v1.0</c> (title).</summary>
    public const string Milestone = "github-milestone";

    /// <summary>Issues carrying all the given labels, key <c>owner/repo:label1,label2</c>.</summary>
    public const string Label = "github-label";
}

/// <summary>A repository, as <c>owner/repo</c>.</summary>
internal sealed record RepositoryRef(string Owner, string Name)
{
    public override string ToString() => $"{Owner}/{Name}";

    /// <summary>Reads the repository out of an API URL such as <c>https://api.github.com/repos/octo/hello</c>.</summary>
    public static RepositoryRef? FromApiUrl(string? url)
    {
        if (url is null || !Uri.TryCreate(url, UriKind.Absolute, out var uri))
        {
            return null;
        }

        var segments = uri.AbsolutePath.Split('/', StringSplitOptions.RemoveEmptyEntries);
        // The first "repos" segment: GitHub Enterprise prefixes the path with /api/v3, and a repository may be named "repos".
        var repos = Array.IndexOf(segments, "repos");
        return repos >= 0 && repos + 2 < segments.Length
            ? new RepositoryRef(Uri.UnescapeDataString(segments[repos + 1]), Uri.UnescapeDataString(segments[repos + 2]))
            : null;
    }

    public static RepositoryRef? Parse(string text)
    {
        var parts = text.Split('/');
        return parts.Length == 2 && IsName(parts[0]) && IsName(parts[1]) ? new RepositoryRef(parts[0], parts[1]) : null;
    }

    // GitHub owners and repository names use letters, digits, '-', '_' and '.'.
    private static bool IsName(string part) =>
        part.Length > 0 && part.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.') && part is not ("." or "..");
}

/// <summary>A parsed link target: one of the three kinds, with what its key names.</summary>
internal abstract record GitHubTarget(TargetRef Ref, RepositoryRef Repository)
{
    /// <summary>Parses a target; returns null with the reason when the kind is unknown or the key is malformed.</summary>
    public static GitHubTarget? Parse(TargetRef target, out string? error)
    {
        error = null;
        var key = target.Key?.Trim() ?? string.Empty;
        GitHubTarget? parsed = target.Kind switch
        {
            GitHubTargetKinds.Issue => IssueTarget.TryParse(target, key),
            GitHubTargetKinds.Milestone => MilestoneTarget.TryParse(target, key),
            GitHubTargetKinds.Label => LabelTarget.TryParse(target, key),
            _ => null,
        };

        if (parsed is null)
        {
            error = target.Kind switch
            {
                GitHubTargetKinds.Issue => $"\"{key}\" is not an issue key like owner/repo#123",
                GitHubTargetKinds.Milestone => $"\"{key}\" is not a milestone key like owner/repo/7 or owner/repo/v1.0",
                GitHubTargetKinds.Label => $"\"{key}\" is not a label key like owner/repo:label1,label2",
                _ => $"target kind \"{target.Kind}\" is not served by the GitHub connector",
            };
        }

        return parsed;
    }
}

internal sealed record IssueTarget(TargetRef Ref, RepositoryRef Repository, int Number) : GitHubTarget(Ref, Repository)
{
    /// <summary>The work item id of this issue, the same format the webhook parser and the mapper use.</summary>
    public string ExternalId => GitHubIds.Issue(Repository, Number);

    public static IssueTarget? TryParse(TargetRef target, string key)
    {
        var hash = key.LastIndexOf('#');
        if (hash <= 0 || RepositoryRef.Parse(key[..hash]) is not { } repository
            || !int.TryParse(key[(hash + 1)..], NumberStyles.None, CultureInfo.InvariantCulture, out var number) || number <= 0)
        {
            return null;
        }

        return new IssueTarget(target, repository, number);
    }
}

/// <summary>A milestone named by number, or by title (resolved through the milestones list). Digits-only means a number.</summary>
internal sealed record MilestoneTarget(TargetRef Ref, RepositoryRef Repository, int? Number, string? Title) : GitHubTarget(Ref, Repository)
{
    public static MilestoneTarget? TryParse(TargetRef target, string key)
    {
        var first = key.IndexOf('/');
        var second = first < 0 ? -1 : key.IndexOf('/', first + 1);
        if (second < 0 || RepositoryRef.Parse(key[..second]) is not { } repository)
        {
            return null;
        }

        var milestone = key[(second + 1)..];
        if (milestone.Length == 0)
        {
            return null;
        }

        return int.TryParse(milestone, NumberStyles.None, CultureInfo.InvariantCulture, out var number) && number > 0
            ? new MilestoneTarget(target, repository, number, null)
            : new MilestoneTarget(target, repository, null, milestone);
    }
}

/// <summary>Issues carrying every one of <see cref="Labels"/> (GitHub's <c>labels=</c> filter is an AND).</summary>
internal sealed record LabelTarget(TargetRef Ref, RepositoryRef Repository, IReadOnlyList<string> Labels) : GitHubTarget(Ref, Repository)
{
    public static LabelTarget? TryParse(TargetRef target, string key)
    {
        var colon = key.IndexOf(':');
        if (colon <= 0 || RepositoryRef.Parse(key[..colon]) is not { } repository)
        {
            return null;
        }

        var labels = key[(colon + 1)..].Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return labels.Length == 0 ? null : new LabelTarget(target, repository, labels);
    }
}

/// <summary>How work items and targets are named, in one place so fetches and webhooks agree.</summary>
internal static class GitHubIds
{
    public static string Issue(RepositoryRef repository, int number) => $"{repository}#{number}";

    public static string Milestone(RepositoryRef repository, string numberOrTitle) => $"{repository}/{numberOrTitle}";

    public static string Label(RepositoryRef repository, string label) => $"{repository}:{label}";
}
