using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Scoring;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>A closed cycle's scores, objective by objective, as the caller may see them.</summary>
public sealed record ScoreSheetResponse(
    Guid CycleId,
    string CycleName,
    CycleState State,
    DateTimeOffset? ClosedAt,
    IReadOnlyList<ObjectiveScoreResponse> Objectives);

/// <summary>
/// <see cref="Score"/> is the weighted mean of the committed key results' scores (or of the aspirational ones when
/// there are no committed ones); <see cref="Plus"/> is the aspirational score reported beside it.
/// </summary>
public sealed record ObjectiveScoreResponse(
    Guid ObjectiveId,
    string Title,
    string Owner,
    string? Team,
    double? Score,
    double? Plus,
    ScoreBand? Band,
    IReadOnlyList<KeyResultScoreResponse> KeyResults);

/// <summary>
/// <see cref="Computed"/> is the progress at close rounded to one decimal and never changes; <see cref="Adjusted"/> is
/// the owner's score with its reason. <see cref="Score"/> is the one that counts (adjusted, else computed).
/// </summary>
public sealed record KeyResultScoreResponse(
    Guid KeyResultId,
    string Title,
    string Owner,
    KeyResultType Type,
    double Weight,
    double? ProgressAtClose,
    double? Computed,
    double? Adjusted,
    string? AdjustmentReason,
    string? AdjustedBy,
    DateTimeOffset? AdjustedAt,
    double? Score,
    ScoreBand? Band,
    RetrospectiveResponse? Retrospective)
{
    public static KeyResultScoreResponse From(KeyResult keyResult, KeyResultScoreRecord record, Retrospective? retrospective) => new(
        keyResult.Id,
        keyResult.Title,
        keyResult.Owner,
        record.Score.Type,
        record.Score.Weight,
        record.Score.ProgressAtClose,
        record.Score.Computed,
        record.Score.Adjusted,
        record.Score.AdjustmentReason,
        record.AdjustedBy,
        record.AdjustedAt,
        record.Score.Effective,
        record.Score.Band,
        RetrospectiveResponse.From(retrospective));
}

/// <summary>Score 0.0–1.0 (rounded to one decimal) and a written reason, both required.</summary>
public sealed record AdjustScoreRequest(double? Score, string? Reason);

/// <summary>The three retrospective questions; each may be empty.</summary>
public sealed record RetrospectiveRequest(string? WhatWorked, string? WhatDidNot, string? WhatNext);

public sealed record RetrospectiveResponse(string? WhatWorked, string? WhatDidNot, string? WhatNext, string UpdatedBy, DateTimeOffset UpdatedAt)
{
    public static RetrospectiveResponse? From(Retrospective? r) =>
        r is null ? null : new(r.WhatWorked, r.WhatDidNot, r.WhatNext, r.UpdatedBy, r.UpdatedAt);
}
