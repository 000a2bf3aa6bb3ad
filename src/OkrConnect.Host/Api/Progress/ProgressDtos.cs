using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Progress;

namespace OkrConnect.Host.Api.Progress;

/// <summary>
/// A key result's progress. <see cref="Value"/> is 0–1, or null for "no work yet". Exactly one breakdown
/// section is filled, by measure: links (work), metric, or children. <see cref="Source"/> is "manual" while a manual
/// value holds on a work key result; <see cref="Manual"/> then says who set it, when, why, and what the links compute.
/// </summary>
public sealed record KeyResultProgressResponse(
    Guid KeyResultId,
    Guid ObjectiveId,
    MeasureKind Measure,
    KeyResultType Type,
    double? Value,
    KeyResultBreakdown Breakdown,
    bool AtRisk,
    double ExpectedProgress,
    IReadOnlyList<RiskReasonResponse> Reasons,
    LatestCheckInResponse? LatestCheckIn,
    DateTimeOffset? LastUpdated,
    ProgressSource Source,
    ManualProgressPart? Manual);

/// <summary>A manual value that holds until the next detected change in the key result's linked work.</summary>
public sealed record ManualProgressPart(double Value, string SetBy, DateTimeOffset SetAt, string Reason, double? ComputedValue);

public sealed record KeyResultBreakdown(
    IReadOnlyList<LinkPart>? Links,
    MetricPart? Metric,
    ChildrenPart? Children);

/// <summary>One link's stored progress; <see cref="Detail"/> is the stored breakdown (counts, exclusions, model) that explains it.</summary>
public sealed record LinkPart(
    Guid LinkId,
    Guid ConnectorId,
    string TargetKind,
    string TargetKey,
    string? TargetTitle,
    string? TargetUrl,
    double Weight,
    ProgressModel Model,
    double? Value,
    bool Stale,
    string? LastError,
    DateTimeOffset? ComputedAt,
    DateTimeOffset? LastSyncedAt,
    JsonElement? Detail);

/// <summary>(current − start) ÷ (target − start), clamped; <see cref="Summary"/> shows the sum.</summary>
public sealed record MetricPart(double? Start, double? Target, double? Current, string? Unit, double? Unclamped, string Summary);

/// <summary>
/// The aligned objectives behind a children key result. Objectives the caller may not see are not listed; they are
/// only counted in <see cref="Hidden"/> so the value still adds up.
/// </summary>
public sealed record ChildrenPart(IReadOnlyList<ChildObjectivePart> Objectives, HiddenObjectivesPart? Hidden);

public sealed record ChildObjectivePart(Guid ObjectiveId, string Title, double Weight, double? Value);

public sealed record HiddenObjectivesPart(int Count, double Weight, double? Value);

public sealed record RiskReasonResponse(string Code, string Text, double Actual, double Threshold, Guid? KeyResultId)
{
    public static RiskReasonResponse From(RiskReason reason, Guid? keyResultId = null) =>
        new(reason.Code, reason.Text, reason.Actual, reason.Threshold, keyResultId);
}

public sealed record LatestCheckInResponse(Guid Id, int Confidence, CheckInStatus Status, DateTimeOffset CreatedAt)
{
    public static LatestCheckInResponse? From(CheckIn? checkIn) =>
        checkIn is null ? null : new(checkIn.Id, checkIn.Confidence, checkIn.Status, checkIn.CreatedAt);
}

/// <summary>
/// An objective's progress: <see cref="Value"/> is the weighted mean of its committed key results (or of its
/// aspirational ones when it has no committed key result); <see cref="Plus"/> is the aspirational bonus shown beside it.
/// </summary>
public sealed record ObjectiveProgressResponse(
    Guid ObjectiveId,
    double? Value,
    double? Plus,
    ObjectiveProgressBasis Basis,
    IReadOnlyList<KeyResultPart> KeyResults,
    bool AtRisk,
    double ExpectedProgress,
    IReadOnlyList<RiskReasonResponse> Reasons,
    DateTimeOffset? LastUpdated);

/// <summary>A key result's share in its objective; <see cref="CountsInValue"/> is false for the aspirational "plus".</summary>
public sealed record KeyResultPart(
    Guid KeyResultId,
    string Title,
    KeyResultType Type,
    MeasureKind Measure,
    double Weight,
    double? Value,
    bool CountsInValue,
    bool AtRisk,
    ProgressSource Source);

public sealed record ProgressHistoryResponse(Guid KeyResultId, IReadOnlyList<ProgressHistoryPoint> Items);

public sealed record ProgressHistoryPoint(double? Value, string Source, DateTimeOffset RecordedAt, JsonElement? Breakdown);
