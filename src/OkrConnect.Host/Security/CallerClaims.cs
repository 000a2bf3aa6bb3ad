using System.Security.Claims;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

// Owner: security. Maps the authenticated principal to the Core's Caller. External tokens carry the configured
// role/team claim types (Auth:External:RoleClaim/TeamClaim); they are copied to the canonical ones at validation.
public static class CallerClaims
{
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue(OkrConnectClaims.Subject) ?? "";
        var teams = user.FindAll(OkrConnectClaims.Team)
            .Select(c => c.Value)
            .Where(team => team.Length > 0)
            .ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, user.FindRole() ?? Role.Viewer, teams);
    }

    /// <summary>The highest recognised role among the caller's role claims; null when there is none.</summary>
    public static Role? FindRole(this ClaimsPrincipal user) => user.FindAll(OkrConnectClaims.Role)
        .Select(c => OkrConnectClaims.ParseRole(c.Value))
        .Where(role => role is not null)
        .Max();
}
