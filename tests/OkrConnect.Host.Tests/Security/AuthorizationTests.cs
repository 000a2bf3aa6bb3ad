using System.Net;
using System.Net.Http.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

/// <summary>Role policies: a higher role satisfies a lower one; a refusal is a 403 problem naming the role needed.</summary>
public sealed class AuthorizationTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private static readonly object MintAlice = new { subject = "alice", role = "member", lifetimeDays = 1 };

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Member)]
    [InlineData(Role.Manager)]
    public async Task Only_admins_mint_tokens(Role role)
    {
        var response = await factory.CreateClientFor(role).PostAsJsonAsync("/api/tokens", MintAlice);

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("admin role", problem.Detail(), StringComparison.Ordinal);
        Assert.Contains(role.ToClaimValue(), problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Admins_mint_tokens()
    {
        var response = await factory.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/tokens", MintAlice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData(Role.Viewer)]
    [InlineData(Role.Admin)]
    public async Task Every_role_satisfies_the_viewer_policy(Role role)
    {
        var response = await factory.CreateClientFor(role).GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Theory]
    [InlineData("superuser")]
    [InlineData("3")]
    [InlineData(null)]
    public async Task A_token_without_a_known_role_is_403_even_for_viewer_routes(string? role)
    {
        var token = factory.MintToken(TestTokenSpec.For(Role.Viewer) with { Role = role });

        var response = await factory.CreateClientWithToken(token).GetAsync("/api/me");

        var problem = await response.ReadProblemAsync(HttpStatusCode.Forbidden);
        Assert.Contains("no OkrConnect role", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Role_claim_values_are_case_insensitive()
    {
        var token = factory.MintToken(TestTokenSpec.For(Role.Viewer) with { Role = "Admin" });

        var response = await factory.CreateClientWithToken(token).PostAsJsonAsync("/api/tokens", MintAlice);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }
}
