using System.Net;
using System.Net.Http.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

public sealed class TokensApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public async Task An_admin_mints_a_working_token_for_a_person()
    {
        var minted = await (await factory.CreateClientFor(Role.Admin).PostAsJsonAsync(
                "/api/tokens",
                new { subject = "alice", name = "Alice", role = "manager", teams = new[] { "web", "api" }, lifetimeDays = 30 }))
            .ReadJsonAsync<MintedTokenResponse>();

        Assert.InRange(minted.ExpiresAt, DateTimeOffset.UtcNow.AddDays(30).AddMinutes(-1), DateTimeOffset.UtcNow.AddDays(30).AddMinutes(1));
        var me = await factory.CreateClientWithToken(minted.AccessToken).GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal(("alice", "Alice", "manager"), (me!.Subject, me.Name, me.Role));
        Assert.Equal(["api", "web"], me.Teams);
    }

    [Theory]
    [InlineData("", "member", 30, "subject")]
    [InlineData("has space", "member", 30, "subject")]
    [InlineData("alice", "owner", 30, "role")]
    [InlineData("alice", "member", 0, "lifetimeDays")]
    [InlineData("alice", "member", 366, "lifetimeDays")]
    public async Task Invalid_requests_are_validation_problems(string subject, string role, int lifetimeDays, string field)
    {
        var response = await factory.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/tokens", new { subject, role, lifetimeDays });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty(field, out _), problem.ToString());
    }
}
