using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace OkrConnect.Host.Security;

/// <summary>Signs embedded-mode tokens with the current signing key (ES256).</summary>
internal sealed class JwtTokenIssuer(EmbeddedSigningKey signingKey, IOptions<AuthOptions> options, TimeProvider time) : ITokenIssuer
{
    private readonly JsonWebTokenHandler _handler = new() { SetDefaultTimesOnTokenCreation = false };

    public IssuedToken Issue(TokenRequest request)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(request.Subject);
        if (request.Lifetime <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(request), "A token's lifetime must be positive.");
        }

        var now = time.GetUtcNow();
        var expires = now + request.Lifetime;
        var claims = new Dictionary<string, object>
        {
            [OkrConnectClaims.Subject] = request.Subject,
            [OkrConnectClaims.Role] = request.Role.ToClaimValue(),
            [JwtRegisteredClaimNames.Jti] = Convert.ToHexString(RandomNumberGenerator.GetBytes(16)),
        };
        if (!string.IsNullOrWhiteSpace(request.Name))
        {
            claims[OkrConnectClaims.Name] = request.Name;
        }

        if (request.Teams.Count > 0)
        {
            // Always an array, so one team and many teams read the same way.
            claims[OkrConnectClaims.Team] = request.Teams.ToArray();
        }

        var token = _handler.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Value.Issuer,
            Audience = options.Value.Audience,
            IssuedAt = now.UtcDateTime,
            NotBefore = now.UtcDateTime,
            Expires = expires.UtcDateTime,
            Claims = claims,
            SigningCredentials = signingKey.SigningCredentials,
        });
        return new IssuedToken(token, DateTimeOffset.FromUnixTimeSeconds(expires.ToUnixTimeSeconds()));
    }
}
