namespace OkrConnect.Core.Domain;

/// <summary>
/// An objective of a cycle. <see cref="Owner"/> is a person's subject id or a team name;
/// <see cref="ParentKeyResultId"/> is the key result it aligns to (decomposition).
/// </summary>
public sealed record Objective(
    Guid Id,
    Guid CycleId,
    string Title,
    string? Description,
    ObjectiveLevel Level,
    string Owner,
    string? Team,
    Visibility Visibility,
    Guid? ParentKeyResultId,
    double Weight,
    DateTimeOffset CreatedAt);

public enum ObjectiveLevel
{
    Company,
    Team,
    Individual,
}

/// <summary>Public (default), restricted to the objective's team, or private to its owner and admins.</summary>
public enum Visibility
{
    Public,
    Team,
    Private,
}
