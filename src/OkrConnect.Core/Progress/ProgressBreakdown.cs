using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>
/// Everything behind one link's progress, so a person can redo the sum by hand: <see cref="Value"/> =
/// <see cref="Numerator"/> ÷ <see cref="Denominator"/>. A null value means "no work yet" (no countable items).
/// Plain data without cycles: it is stored as JSON (<see cref="ProgressJson"/>) and rendered in any language from
/// the structured fields; <see cref="Summary"/> is the English rendering.
/// </summary>
public sealed record ProgressBreakdown(
    double? Value,
    ProgressModel Model,
    CountBasis CountedBy,
    double Numerator,
    double Denominator,
    int Done,
    int InProgress,
    int ToDo,
    int Excluded,
    IReadOnlyList<ExclusionCount> ExcludedReasons,
    PointsSummary? Points,
    double? InProgressWeight,
    int SubtasksCountedThroughParent,
    int DuplicatesSkipped,
    IReadOnlyList<ProgressNote> Notes,
    DateTimeOffset FetchedAt,
    bool Partial,
    string? PartialReason,
    string Summary);

/// <summary>How many items were excluded for one reason (e.g. 2 × "Won't Do").</summary>
public sealed record ExclusionCount(string Reason, int Count);

/// <summary>
/// Story points behind a points (or points-weighted) value. Unestimated items were given <see cref="ImputedEstimate"/>
/// each, taken from <see cref="ImputedFrom"/> ("mean" of the estimated items, or the configured "default").
/// </summary>
public sealed record PointsSummary(
    double DonePoints,
    double InProgressPoints,
    double TotalPoints,
    int Estimated,
    int Unestimated,
    double? ImputedEstimate,
    string? ImputedFrom);

/// <summary>A fallback or adjustment the calculation made, with a stable code for other languages.</summary>
public sealed record ProgressNote(string Code, string Text);

/// <summary>Stable codes of <see cref="ProgressNote"/>.</summary>
public static class ProgressNoteCodes
{
    /// <summary>Points model, but no item had an estimate: counted by issues instead.</summary>
    public const string NoEstimates = "no-estimates";

    /// <summary>Points model, but every estimate was 0: counted by issues instead.</summary>
    public const string ZeroPoints = "zero-points";

    /// <summary>Unestimated items were given an estimate (the mean or the configured default).</summary>
    public const string EstimatesImputed = "estimates-imputed";

    /// <summary>The fetch was cut short; this result is not stored as the truth.</summary>
    public const string PartialFetch = "partial-fetch";
}
