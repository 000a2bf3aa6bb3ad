namespace OkrConnect.Core.Domain;

/// <summary>A dated update on a key result by its owner: confidence 1–10, status, note, blockers, next steps.</summary>
public sealed record CheckIn(
    Guid Id,
    Guid KeyResultId,
    string Author,
    int Confidence,
    CheckInStatus Status,
    string? Note,
    string? Blockers,
    string? NextSteps,
    double? MetricValue,
    DateTimeOffset CreatedAt);

public enum CheckInStatus
{
    OnTrack,
    AtRisk,
    OffTrack,
}
