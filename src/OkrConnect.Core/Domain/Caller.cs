namespace OkrConnect.Core.Domain;

/// <summary>Who is asking: the authenticated subject, its role and the teams it belongs to.</summary>
public sealed record Caller(string Subject, Role Role, IReadOnlySet<string> Teams)
{
    public bool IsAtLeast(Role role) => Role >= role;

    /// <summary>
    /// Visibility is enforced on every read: a team objective exists only for its team (and admins),
    /// a private one only for its owner (and admins).
    /// </summary>
    public bool CanSee(Objective objective) => objective.Visibility switch
    {
        Visibility.Public => true,
        Visibility.Team => Role == Role.Admin
            || objective.Owner == Subject
            || (objective.Team is not null && Teams.Contains(objective.Team)),
        Visibility.Private => Role == Role.Admin || objective.Owner == Subject,
        _ => false,
    };
}
