using System.Security.Cryptography;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Tests.Infrastructure;

/// <summary>Mints tokens the way an attacker or a misconfigured client would, to prove the server refuses them.</summary>
internal static class TestTokens
{
    public static string Mint(IServiceProvider services, TestTokenSpec spec)
    {
        var auth = services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var serverKey = services.GetRequiredService<EmbeddedSigningKey>();
        var claims = new Dictionary<string, object> { [OkrConnectClaims.Subject] = spec.Subject };
        if (spec.Role is not null)
        {
            claims[OkrConnectClaims.Role] = spec.Role;
        }

        if (spec.Teams.Count > 0)
        {
            claims[OkrConnectClaims.Team] = spec.Teams.ToArray();
        }

        using var otherKey = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var descriptor = new SecurityTokenDescriptor
        {
            Issuer = spec.Issuer ?? auth.Issuer,
            Audience = spec.Audience ?? auth.Audience,
            IssuedAt = spec.NotBefore.UtcDateTime,
            NotBefore = spec.NotBefore.UtcDateTime,
            Expires = spec.Expires?.UtcDateTime,
            Claims = claims,
            SigningCredentials = spec.Key switch
            {
                TestSigningKey.Server => serverKey.SigningCredentials,
                TestSigningKey.Other => new SigningCredentials(new ECDsaSecurityKey(otherKey) { KeyId = "other" }, SecurityAlgorithms.EcdsaSha256),
                TestSigningKey.HmacWithServerPublicKey => new SigningCredentials(
                    new SymmetricSecurityKey(serverKey.Keys[0].ECDsa.ExportSubjectPublicKeyInfo()) { KeyId = serverKey.Keys[0].KeyId },
                    SecurityAlgorithms.HmacSha256),
                _ => null,
            },
        };
        return new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false }.CreateToken(descriptor);
    }
}
