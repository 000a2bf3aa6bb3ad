using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Practice;

/// <summary>
/// The weekly report (周报) of one cycle, optionally one team: every objective and key result in scope with its
/// progress at <see cref="AsOf"/> and a week before it, confidence, risk, missing check-ins and link problems.
/// Fractions are 0–1; null means "no work yet" (or no history that far back).
/// </summary>
public sealed record WeeklyReport(
    Guid CycleId,
    string CycleName,
    string Week,
    DateOnly WeekStart,
    DateOnly WeekEnd,
    string? Team,
    DateTimeOffset AsOf,
    DateTimeOffset Baseline,
    WeeklyReportSummary Summary,
    IReadOnlyList<ObjectiveWeek> Objectives);

public sealed record WeeklyReportSummary(
    int Objectives,
    int KeyResults,
    int AtRisk,
    int MissingCheckIns,
    int LinkProblems);

/// <summary>Progress a week ago and now, and the change; <see cref="Change"/> is null unless both are known.</summary>
public sealed record ProgressChange(double? Now, double? WeekAgo, double? Change)
{
    public static ProgressChange Of(double? now, double? weekAgo) =>
        new(now, weekAgo, now is { } n && weekAgo is { } w ? n - w : null);
}

public sealed record ObjectiveWeek(
    Guid ObjectiveId,
    string Title,
    string Owner,
    string? Team,
    ProgressChange Progress,
    double? Plus,
    bool AtRisk,
    IReadOnlyList<KeyResultWeek> KeyResults);

public sealed record KeyResultWeek(
    Guid KeyResultId,
    string Title,
    string Owner,
    KeyResultType Type,
    MeasureKind Measure,
    ProgressChange Progress,
    ConfidenceWeek Confidence,
    bool CheckedInThisWeek,
    bool AtRisk,
    IReadOnlyList<RiskFlag> Risks,
    IReadOnlyList<LinkProblem> LinkProblems);

/// <summary>The latest confidence (1–10) as of the report, the one before it, and which way it moved.</summary>
public sealed record ConfidenceWeek(int? Latest, int? Previous, ConfidenceTrend Trend, DateTimeOffset? LatestAt);

public enum ConfidenceTrend
{
    /// <summary>Fewer than two check-ins: nothing to compare.</summary>
    Unknown,
    Up,
    Same,
    Down,
}

/// <summary>A reason from <see cref="Pace.RiskEvaluator"/>: stable code, measured value, threshold, English text.</summary>
public sealed record RiskFlag(string Code, double Actual, double Threshold, string Text);

/// <summary>A link whose last complete value is stale or whose last fetch failed.</summary>
public sealed record LinkProblem(Guid LinkId, string TargetKind, string TargetKey, string? TargetTitle, bool Stale, string? LastError, DateTimeOffset? LastSyncedAt);
