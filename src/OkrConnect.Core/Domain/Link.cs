namespace OkrConnect.Core.Domain;

/// <summary>
/// Ties a work key result to tracker work through a connector. <see cref="TargetKind"/> is defined by the
/// connector (e.g. "jira-epic", "jira-jql", "github-issue", "github-milestone", "github-label");
/// <see cref="TargetKey"/> is the tracker's own key for it (e.g. "PROJ-12", "octo/repo#42", a JQL string).
/// </summary>
public sealed record Link(
    Guid Id,
    Guid KeyResultId,
    Guid ConnectorId,
    string TargetKind,
    string TargetKey,
    double Weight,
    ProgressModel Model,
    WriteBackMode WriteBack,
    string? TargetTitle,
    string? TargetUrl,
    DateTimeOffset CreatedAt);

/// <summary>How a link turns its work items into a fraction.</summary>
public enum ProgressModel
{
    /// <summary>done ÷ (all − excluded).</summary>
    Count,

    /// <summary>Story points done ÷ story points of all non-excluded items.</summary>
    Points,

    /// <summary>To do 0, in progress 0.5 (configurable), done 1, averaged.</summary>
    StatusWeighted,
}

/// <summary>How progress is written back into the tracker for a link.</summary>
public enum WriteBackMode
{
    /// <summary>One sticky comment, edited in place (default).</summary>
    Comment,

    /// <summary>A number field on the target.</summary>
    Field,

    /// <summary>A machine-readable property on the target (e.g. a Jira entity property).</summary>
    Property,

    None,
}
