namespace OkrConnect.Core.Domain;

/// <summary>A named OKR period (e.g. "2026-Q4"): planning → active → closed.</summary>
public sealed record Cycle(
    Guid Id,
    string Name,
    DateOnly StartDate,
    DateOnly EndDate,
    CycleState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt = null)
{
    public bool IsClosed => State == CycleState.Closed;
}

public enum CycleState
{
    Planning,
    Active,
    Closed,
}
