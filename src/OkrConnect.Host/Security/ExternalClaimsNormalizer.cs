using System.Security.Claims;

namespace OkrConnect.Host.Security;

/// <summary>
/// Copies an external provider's role and team claims (Auth:External:RoleClaim/TeamClaim) to OkrConnect's canonical
/// <c>role</c>/<c>team</c> types, replacing any canonical ones the provider sent with another meaning.
/// </summary>
internal sealed class ExternalClaimsNormalizer(string roleClaim, string teamClaim)
{
    public void Normalize(ClaimsPrincipal? principal)
    {
        if (principal?.Identity is not ClaimsIdentity identity)
        {
            return;
        }

        var roles = identity.FindAll(roleClaim).Select(c => c.Value).ToArray();
        var teams = identity.FindAll(teamClaim).Select(c => c.Value).ToArray();
        Replace(identity, OkrConnectClaims.Role, roleClaim, roles);
        Replace(identity, OkrConnectClaims.Team, teamClaim, teams);
    }

    private static void Replace(ClaimsIdentity identity, string canonical, string configured, string[] values)
    {
        if (canonical == configured)
        {
            return;
        }

        foreach (var claim in identity.FindAll(canonical).ToArray())
        {
            identity.RemoveClaim(claim);
        }

        foreach (var value in values)
        {
            identity.AddClaim(new Claim(canonical, value));
        }
    }
}
