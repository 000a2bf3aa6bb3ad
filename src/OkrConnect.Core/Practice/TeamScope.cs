using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Practice;

/// <summary>Which objectives belong to a team, for team reports and team reminders.</summary>
public static class TeamScope
{
    /// <summary>
    /// The objective names the team, or names no team and is owned by the team itself (an owner is a person's subject or
    /// a team name). Team names compare exactly, as they do for visibility.
    /// </summary>
    public static bool BelongsTo(Objective objective, string team) =>
        objective.Team is { } named ? string.Equals(named, team, StringComparison.Ordinal) : string.Equals(objective.Owner, team, StringComparison.Ordinal);
}
