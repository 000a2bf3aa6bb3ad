using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

public sealed class ServiceAccountTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public async Task The_secret_is_returned_once_and_exchanges_for_a_token()
    {
        var admin = factory.CreateClientFor(Role.Admin);
        var created = await (await admin.PostAsJsonAsync("/api/service-accounts", new { subject = "ci-bot", name = "CI", role = "member", teams = new[] { "web" } }))
            .ReadJsonAsync<ServiceAccountCreatedResponse>(HttpStatusCode.Created);
        Assert.StartsWith("okrc_", created.Secret, StringComparison.Ordinal);

        var again = await admin.PostAsJsonAsync("/api/service-accounts", new { subject = "ci-bot", role = "member" });
        var conflict = await again.ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.DoesNotContain(created.Secret, conflict.ToString(), StringComparison.Ordinal);

        var stored = await factory.Services.GetRequiredService<IAccountRepository>().GetBySubjectAsync("ci-bot");
        Assert.True(stored!.IsServiceAccount);
        Assert.DoesNotContain(created.Secret, stored.SecretHash, StringComparison.Ordinal);
        Assert.DoesNotContain(created.Secret, factory.Logs.AllText, StringComparison.Ordinal);

        var token = await (await factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { subject = "ci-bot", secret = created.Secret }))
            .ReadJsonAsync<TokenResponse>();
        Assert.Equal("Bearer", token.TokenType);
        var me = await factory.CreateClientWithToken(token.AccessToken).GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal(("ci-bot", "member", "CI"), (me!.Subject, me.Role, me.Name));
        Assert.Equal(["web"], me.Teams);
    }

    [Theory]
    [InlineData("admin", "wrong-secret")]
    [InlineData("nobody", OkrConnectFactory.DefaultBootstrapSecret)]
    public async Task A_wrong_subject_or_secret_is_401_problem(string subject, string secret)
    {
        var response = await factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { subject, secret });

        var problem = await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Equal("The subject or the secret is wrong, or the account is disabled.", problem.Detail());
    }

    [Fact]
    public async Task A_disabled_account_cannot_exchange_its_secret()
    {
        var created = await (await factory.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/service-accounts", new { subject = "retired-bot", role = "viewer" }))
            .ReadJsonAsync<ServiceAccountCreatedResponse>(HttpStatusCode.Created);
        var accounts = factory.Services.GetRequiredService<IAccountRepository>();
        var account = await accounts.GetBySubjectAsync("retired-bot");
        await accounts.UpdateAsync(account! with { Disabled = true });

        var response = await factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { subject = "retired-bot", secret = created.Secret });

        await response.ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task A_missing_secret_is_a_validation_problem()
    {
        var response = await factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { subject = "admin" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.True(problem.GetProperty("errors").TryGetProperty("secret", out _));
    }

    [Fact]
    public async Task An_invalid_role_is_a_validation_problem()
    {
        var response = await factory.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/service-accounts", new { subject = "bot", role = "root" });

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("admin, manager, member or viewer", problem.GetProperty("errors").GetProperty("role")[0].GetString(), StringComparison.Ordinal);
    }
}
