using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Host.Tests.Security;

/// <summary>
/// Auth:Mode=external against a stand-in OpenID Connect provider (discovery document and JWKS served by WireMock),
/// with custom role and team claim types.
/// </summary>
public sealed class ExternalModeTests : IDisposable
{
    private const string Audience = "okrconnect-api";

    private readonly WireMockServer _provider = WireMockServer.Start();
    private readonly RSA _providerKey = RSA.Create(2048);
    private readonly OkrConnectFactory _factory;

    public ExternalModeTests()
    {
        var parameters = _providerKey.ExportParameters(includePrivateParameters: false);
        var jwks = new
        {
            keys = new[]
            {
                new { kty = "RSA", use = "sig", alg = "RS256", kid = "provider-key", n = Base64UrlEncoder.Encode(parameters.Modulus), e = Base64UrlEncoder.Encode(parameters.Exponent) },
            },
        };
        var discovery = new { issuer = Issuer, jwks_uri = $"{Issuer}/jwks", id_token_signing_alg_values_supported = new[] { "RS256" } };
        _provider.Given(Request.Create().WithPath("/.well-known/openid-configuration").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(discovery)));
        _provider.Given(Request.Create().WithPath("/jwks").UsingGet())
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(JsonSerializer.Serialize(jwks)));

        _factory = OkrConnectFactory.Create(new()
        {
            BootstrapSecret = null,
            Settings = new Dictionary<string, string?>
            {
                ["Auth:Mode"] = "external",
                ["Auth:External:Authority"] = Issuer,
                ["Auth:External:Audience"] = Audience,
                ["Auth:External:RequireHttpsMetadata"] = "false",
                ["Auth:External:RoleClaim"] = "okr_role",
                ["Auth:External:TeamClaim"] = "groups",
            },
        });
    }

    private string Issuer => _provider.Url!;

    [Fact]
    public async Task The_configured_role_and_team_claims_make_the_caller()
    {
        // "role": "admin" must not count: the provider's role claim is okr_role here.
        var token = ProviderToken(new Dictionary<string, object> { ["okr_role"] = "manager", ["groups"] = new[] { "web", "data" }, ["role"] = "admin" });

        var me = await _factory.CreateClientWithToken(token).GetFromJsonAsync<MeResponse>("/api/me");

        Assert.Equal(("jane", "manager"), (me!.Subject, me.Role));
        Assert.Equal(["data", "web"], me.Teams);
    }

    [Fact]
    public async Task A_token_for_another_audience_is_401()
    {
        var token = ProviderToken(new Dictionary<string, object> { ["okr_role"] = "admin" }, audience: "some-other-app");

        var response = await _factory.CreateClientWithToken(token).GetAsync("/api/me");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_token_from_another_issuer_is_401()
    {
        var token = ProviderToken(new Dictionary<string, object> { ["okr_role"] = "admin" }, issuer: "https://elsewhere.example");

        var response = await _factory.CreateClientWithToken(token).GetAsync("/api/me");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_embedded_issuer_is_off_and_no_bootstrap_admin_is_made()
    {
        var response = await _factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { subject = "admin", secret = "x" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.NotFound);
        Assert.Contains("external", problem.Detail(), StringComparison.Ordinal);
        Assert.Equal("", _factory.OperatorConsoleText);
    }

    public void Dispose()
    {
        _factory.Dispose();
        _provider.Stop();
        _provider.Dispose();
        _providerKey.Dispose();
    }

    private string ProviderToken(Dictionary<string, object> claims, string? audience = null, string? issuer = null)
    {
        claims["sub"] = "jane";
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = issuer ?? Issuer,
            Audience = audience ?? Audience,
            Expires = DateTime.UtcNow.AddMinutes(10),
            Claims = claims,
            SigningCredentials = new SigningCredentials(new RsaSecurityKey(_providerKey) { KeyId = "provider-key" }, SecurityAlgorithms.RsaSha256),
        });
    }
}
