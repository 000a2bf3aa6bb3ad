namespace OkrConnect.Core.Classification;

/// <summary>Per-connector Jira settings for classification. Resolution names are compared case-insensitively.</summary>
public sealed record JiraClassificationOptions
{
    public static IReadOnlyList<string> DefaultNotDoneResolutions { get; } =
        ["Won't Do", "Won't Fix", "Duplicate", "Cannot Reproduce", "Declined"];

    public static JiraClassificationOptions Default { get; } = new();

    /// <summary>Resolutions that close an issue without it being done: such issues are excluded.</summary>
    public IReadOnlyCollection<string> NotDoneResolutions { get; init; } = DefaultNotDoneResolutions;

    public IReadOnlyList<string> Validate() =>
        NotDoneResolutions.Any(string.IsNullOrWhiteSpace) ? ["Not-done resolutions must not be blank."] : [];
}

/// <summary>
/// Classifies a Jira issue by its stable keys: <c>fields.status.statusCategory.key</c> and <c>fields.resolution.name</c>.
/// Status names are localised and site-specific, so they are never used.
/// </summary>
public static class JiraIssueClassifier
{
    public const string CategoryToDo = "new";
    public const string CategoryInProgress = "indeterminate";
    public const string CategoryDone = "done";

    /// <remarks>
    /// The status category decides when it and the resolution disagree: a to-do status with a "Done" resolution
    /// is to do (stale resolutions survive reopen workflows). An unknown category (Jira's "undefined") counts as open work.
    /// </remarks>
    public static ItemClassification Classify(string? statusCategoryKey, string? resolutionName, JiraClassificationOptions? options = null)
    {
        options ??= JiraClassificationOptions.Default;
        var category = statusCategoryKey?.Trim();

        if (string.Equals(category, CategoryInProgress, StringComparison.OrdinalIgnoreCase))
        {
            return ItemClassification.InProgress;
        }

        if (!string.Equals(category, CategoryDone, StringComparison.OrdinalIgnoreCase))
        {
            return ItemClassification.ToDo;
        }

        var resolution = resolutionName?.Trim();
        return !string.IsNullOrEmpty(resolution) && options.NotDoneResolutions.Any(r => SameResolution(r, resolution))
            ? ItemClassification.Excluded(resolution)
            : ItemClassification.Done;
    }

    // Sites differ in apostrophes ("Won't" vs "Won’t"); treat them alike so the defaults match everywhere.
    private static bool SameResolution(string configured, string actual) =>
        string.Equals(Normalise(configured), Normalise(actual), StringComparison.OrdinalIgnoreCase);

    private static string Normalise(string name) => name.Trim().Replace('\u2019', '\'');
}
