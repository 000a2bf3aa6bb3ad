using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;

namespace OkrConnect.Host.Security;

/// <summary>
/// Bearer token validation for both modes: signature, issuer, audience and lifetime are all required, the algorithm
/// is on an allow-list (so <c>alg: none</c> and HMAC-with-a-public-key tricks fail), claims keep their JWT names.
/// </summary>
internal sealed class JwtBearerSetup(IOptions<AuthOptions> authOptions, EmbeddedSigningKey signingKey) : IConfigureNamedOptions<JwtBearerOptions>
{
    public void Configure(string? name, JwtBearerOptions options)
    {
        if (name != JwtBearerDefaults.AuthenticationScheme)
        {
            return;
        }

        var auth = authOptions.Value;
        options.MapInboundClaims = false;
        options.IncludeErrorDetails = false; // AuthProblems writes the detail itself.
        options.TokenValidationParameters = new TokenValidationParameters
        {
            RequireSignedTokens = true,
            RequireExpirationTime = true,
            ValidateIssuer = true,
            ValidateAudience = true,
            ValidateLifetime = true,
            ValidateIssuerSigningKey = true,
            ClockSkew = auth.ClockSkew,
            NameClaimType = OkrConnectClaims.Name,
            RoleClaimType = OkrConnectClaims.Role,
        };
        options.Events = new JwtBearerEvents
        {
            OnChallenge = AuthProblems.WriteChallengeAsync,
            OnForbidden = context => AuthProblems.WriteForbiddenAsync(context.HttpContext, null),
        };

        if (auth.Mode == AuthMode.Embedded)
        {
            ConfigureEmbedded(options.TokenValidationParameters, auth);
            options.Events.OnTokenValidated = RefuseRevokedAsync;
        }
        else
        {
            ConfigureExternal(options, auth.External);
        }
    }

    public void Configure(JwtBearerOptions options) => Configure(Options.DefaultName, options);

    private void ConfigureEmbedded(TokenValidationParameters parameters, AuthOptions auth)
    {
        parameters.ValidIssuer = auth.Issuer;
        parameters.ValidAudience = auth.Audience;
        parameters.ValidAlgorithms = [EmbeddedSigningKey.Algorithm];
        parameters.IssuerSigningKeyResolver = (_, _, kid, _) => signingKey.ResolveForValidation(kid);
    }

    /// <summary>A token OkrConnect issued is refused once an admin revoked its subject's tokens (issued until then).</summary>
    private static async Task RefuseRevokedAsync(TokenValidatedContext context)
    {
        var subject = context.Principal?.FindFirst(OkrConnectClaims.Subject)?.Value;
        var issuedAt = context.SecurityToken is Microsoft.IdentityModel.JsonWebTokens.JsonWebToken jwt && jwt.IssuedAt != DateTime.MinValue
            ? new DateTimeOffset(jwt.IssuedAt, TimeSpan.Zero)
            : (DateTimeOffset?)null;
        if (subject is null || issuedAt is null)
        {
            context.Fail(new SecurityTokenValidationException("The token has no subject (sub) or issue time (iat)."));
            return;
        }

        var revocations = context.HttpContext.RequestServices.GetRequiredService<TokenRevocations>();
        if (await revocations.IsRevokedAsync(subject, issuedAt.Value, context.HttpContext.RequestAborted))
        {
            context.Fail(new TokenRevokedException());
        }
    }

    private static void ConfigureExternal(JwtBearerOptions options, ExternalAuthOptions external)
    {
        options.Authority = string.IsNullOrWhiteSpace(external.Authority) ? null : external.Authority;
        options.MetadataAddress = external.MetadataAddress ?? "";
        options.RequireHttpsMetadata = external.RequireHttpsMetadata;
        options.Audience = external.Audience;

        var parameters = options.TokenValidationParameters;
        // Null means "the issuer from the discovery document", which JwtBearer adds itself.
        parameters.ValidIssuer = string.IsNullOrWhiteSpace(external.Issuer) ? null : external.Issuer;
        parameters.ValidAudience = external.Audience;
        parameters.ValidAlgorithms = external.Algorithms ?? ExternalAuthOptions.DefaultAlgorithms;

        var normalizer = new ExternalClaimsNormalizer(external.RoleClaim, external.TeamClaim);
        options.Events.OnTokenValidated = context =>
        {
            normalizer.Normalize(context.Principal);
            return Task.CompletedTask;
        };
    }
}
