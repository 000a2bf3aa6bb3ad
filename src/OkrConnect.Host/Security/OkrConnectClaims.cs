using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

/// <summary>
/// The claim types OkrConnect reads after authentication. Tokens from an external provider are normalised to
/// these (see <see cref="ExternalClaimsNormalizer"/>) so the rest of the host reads one vocabulary.
/// </summary>
public static class OkrConnectClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Team = "team";

    /// <summary>The claim value of a role as written in tokens: admin, manager, member, viewer.</summary>
    public static string ToClaimValue(this Role role) => role switch
    {
        Core.Domain.Role.Admin => "admin",
        Core.Domain.Role.Manager => "manager",
        Core.Domain.Role.Member => "member",
        _ => "viewer",
    };

    /// <summary>
    /// Parses a role claim value by name only: <c>Enum.TryParse</c> would also accept "3" or "42", which an
    /// identity provider could emit by accident and which must never turn into a role.
    /// </summary>
    public static Role? ParseRole(string? value) => value?.Trim().ToLowerInvariant() switch
    {
        "admin" => Core.Domain.Role.Admin,
        "manager" => Core.Domain.Role.Manager,
        "member" => Core.Domain.Role.Member,
        "viewer" => Core.Domain.Role.Viewer,
        _ => null,
    };
}
