namespace OkrConnect.Core.Classification;

/// <summary>
/// Per-connector GitHub settings for classification: which labels or project statuses mean "in progress".
/// Both are compared case-insensitively.
/// </summary>
public sealed record GitHubClassificationOptions
{
    public static GitHubClassificationOptions Default { get; } = new();

    public IReadOnlyCollection<string> InProgressLabels { get; init; } = [];

    public IReadOnlyCollection<string> InProgressProjectStatuses { get; init; } = [];

    public IReadOnlyList<string> Validate() =>
        InProgressLabels.Concat(InProgressProjectStatuses).Any(string.IsNullOrWhiteSpace)
            ? ["In-progress labels and project statuses must not be blank."]
            : [];
}

/// <summary>
/// Classifies a GitHub issue by its stable keys: <c>state</c> and <c>state_reason</c>. Pull requests are never
/// work items: the connector drops them (items with a <c>pull_request</c> key) before classifying.
/// </summary>
public static class GitHubIssueClassifier
{
    public const string ReasonNotPlanned = "not_planned";
    public const string ReasonDuplicate = "duplicate";

    /// <remarks>
    /// A closed issue with an unknown <c>state_reason</c> counts as done: closing means "completed" on GitHub unless
    /// the closer says otherwise, and silently excluding it would shrink the denominator.
    /// </remarks>
    public static ItemClassification Classify(
        string? state,
        string? stateReason,
        IEnumerable<string>? labels = null,
        string? projectStatus = null,
        GitHubClassificationOptions? options = null)
    {
        options ??= GitHubClassificationOptions.Default;

        if (string.Equals(state?.Trim(), "closed", StringComparison.OrdinalIgnoreCase))
        {
            return stateReason?.Trim().ToLowerInvariant() switch
            {
                ReasonNotPlanned => ItemClassification.Excluded("not planned"),
                ReasonDuplicate => ItemClassification.Excluded("duplicate"),
                _ => ItemClassification.Done,
            };
        }

        var labelled = labels?.Any(l => Contains(options.InProgressLabels, l)) ?? false;
        var inProgressColumn = projectStatus is not null && Contains(options.InProgressProjectStatuses, projectStatus);
        return labelled || inProgressColumn ? ItemClassification.InProgress : ItemClassification.ToDo;
    }

    private static bool Contains(IEnumerable<string> configured, string value) =>
        configured.Any(c => string.Equals(c.Trim(), value.Trim(), StringComparison.OrdinalIgnoreCase));
}
