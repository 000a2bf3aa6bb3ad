using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

/// <summary>Every /api route refuses a request without a valid token with 401 and a problem that says why.</summary>
public sealed class AuthenticationTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public async Task No_token_is_401_with_a_bearer_challenge()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/api/me");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("bearer token", problem.Detail(), StringComparison.OrdinalIgnoreCase);
        Assert.Equal("Bearer", response.Headers.WwwAuthenticate.Single().Scheme);
    }

    [Fact]
    public async Task Unknown_api_route_without_a_token_is_401_not_404()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/api/does-not-exist");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_valid_token_gets_in()
    {
        var response = await factory.CreateClientFor(Role.Member, "alice", "web", "api").GetAsync("/api/me");

        var me = await response.ReadJsonAsync<MeResponse>();
        Assert.Equal("alice", me.Subject);
        Assert.Equal("member", me.Role);
        Assert.Equal(["api", "web"], me.Teams);
    }

    public static TheoryData<string, string> RefusedTokens => new()
    {
        { "expired", "expired" },
        { "wrong issuer", "issuer" },
        { "wrong audience", "audience" },
        { "alg none", "signature" },
        { "other key", "key" },
        { "hmac with the public key", "signature" },
        { "no expiry", "expiry" },
        { "not yet valid", "not valid yet" },
    };

    [Theory]
    [MemberData(nameof(RefusedTokens))]
    public async Task A_bad_token_is_401_naming_what_is_wrong(string kind, string detailMentions)
    {
        var valid = TestTokenSpec.For(Role.Admin);
        var spec = kind switch
        {
            "expired" => valid.Expired(),
            "wrong issuer" => valid with { Issuer = "https://evil.example" },
            "wrong audience" => valid with { Audience = "another-app" },
            "alg none" => valid with { Key = TestSigningKey.Unsigned },
            "other key" => valid with { Key = TestSigningKey.Other },
            "hmac with the public key" => valid with { Key = TestSigningKey.HmacWithServerPublicKey },
            "no expiry" => valid with { Expires = null },
            "not yet valid" => valid with { NotBefore = DateTimeOffset.UtcNow.AddMinutes(10), Expires = DateTimeOffset.UtcNow.AddHours(1) },
            _ => throw new ArgumentOutOfRangeException(nameof(kind)),
        };

        var response = await factory.CreateClientWithToken(factory.MintToken(spec)).GetAsync("/api/me");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains(detailMentions, problem.Detail(), StringComparison.OrdinalIgnoreCase);
        Assert.Contains("invalid_token", response.Headers.WwwAuthenticate.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_token_signed_with_the_server_key_but_tampered_with_is_401()
    {
        var token = factory.CreateToken(Role.Viewer);
        var parts = token.Split('.');
        var forgedPayload = Convert.ToBase64String("""{"sub":"mallory","role":"admin","iss":"okrconnect","aud":"okrconnect","exp":4102444800}"""u8)
            .TrimEnd('=').Replace('+', '-').Replace('/', '_');

        var response = await factory.CreateClientWithToken($"{parts[0]}.{forgedPayload}.{parts[2]}").GetAsync("/api/me");

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task Garbage_is_401()
    {
        var response = await factory.CreateClientWithToken("not-a-jwt").GetAsync("/api/me");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("malformed", problem.Detail(), StringComparison.OrdinalIgnoreCase);
    }

    [Theory]
    [InlineData("/healthz")]
    [InlineData("/readyz")]
    public async Task Health_endpoints_stay_anonymous(string path)
    {
        var response = await factory.CreateAnonymousClient().GetAsync(path);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
