using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;
using OkrConnect.Host.Api.Progress;

namespace OkrConnect.Host.Api.Map;

/// <summary>The alignment tree of a cycle: its top-level objectives, their key results, and the objectives aligned under each.</summary>
public sealed record CycleMapResponse(
    Guid CycleId,
    string Name,
    CycleState State,
    DateOnly StartDate,
    DateOnly EndDate,
    double ExpectedProgress,
    IReadOnlyList<MapObjective> Objectives);

public sealed record MapObjective(
    Guid Id,
    string Title,
    ObjectiveLevel Level,
    string Owner,
    string? Team,
    Visibility Visibility,
    double Weight,
    double? Progress,
    double? Plus,
    bool AtRisk,
    IReadOnlyList<MapKeyResult> KeyResults);

public sealed record MapKeyResult(
    Guid Id,
    string Title,
    string Owner,
    KeyResultType Type,
    MeasureKind Measure,
    double Weight,
    double? Progress,
    bool AtRisk,
    IReadOnlyList<RiskReasonResponse> Reasons,
    IReadOnlyList<MapObjective> Children,
    ProgressSource Source);
