using System.Security.Claims;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

// Owner: security. Maps the authenticated principal to the Core's Caller (role and team claim types are configurable).
public static class CallerClaims
{
    public static Caller ToCaller(this ClaimsPrincipal user)
    {
        var subject = user.FindFirstValue("sub") ?? user.FindFirstValue(ClaimTypes.NameIdentifier) ?? "";
        var role = user.FindAll("role").Concat(user.FindAll(ClaimTypes.Role))
            .Select(c => Enum.TryParse<Role>(c.Value, ignoreCase: true, out var r) ? r : Role.Viewer)
            .DefaultIfEmpty(Role.Viewer)
            .Max();
        var teams = user.FindAll("team").Select(c => c.Value).ToHashSet(StringComparer.Ordinal);
        return new Caller(subject, role, teams);
    }
}
