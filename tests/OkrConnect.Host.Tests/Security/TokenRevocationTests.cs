using System.Net;
using System.Net.Http.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace OkrConnect.Host.Tests.Security;

/// <summary>An admin revokes a subject's tokens: every token of it issued until then is refused; later ones work.</summary>
public sealed class TokenRevocationTests
{
    [Fact]
    public async Task Revoked_tokens_are_refused_with_a_problem_and_others_and_later_ones_still_work()
    {
        await using var factory = OkrConnectFactory.Create(new());
        var admin = factory.CreateClientFor(Role.Admin);
        var alice = factory.CreateClientFor(Role.Manager, "alice");
        var bob = factory.CreateClientFor(Role.Manager, "bob");
        Assert.Equal(HttpStatusCode.OK, (await alice.GetAsync("/api/me")).StatusCode);

        var revoked = await (await admin.PostAsJsonAsync("/api/tokens/revoke", new { subject = "alice" })).ReadJsonAsync<TokenRevocationResponse>();

        Assert.Equal(("alice", "admin-user"), (revoked.Subject, revoked.RevokedBy));
        var refused = await (await alice.GetAsync("/api/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.Contains("revoked", refused.GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await bob.GetAsync("/api/me")).StatusCode);

        // JWT issue times are whole seconds and the revocation covers its own second: a token minted after it works.
        await Task.Delay(TimeSpan.FromSeconds(1.1));
        var minted = await (await admin.PostAsJsonAsync("/api/tokens", new { subject = "alice", role = "manager" })).ReadJsonAsync<MintedTokenResponse>();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientWithToken(minted.AccessToken).GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Only_admins_revoke_and_a_bad_subject_is_a_validation_problem_that_revokes_nothing()
    {
        await using var factory = OkrConnectFactory.Create(new());
        var manager = factory.CreateClientFor(Role.Manager, "carol");

        await (await manager.PostAsJsonAsync("/api/tokens/revoke", new { subject = "carol" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        var bad = await (await factory.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/tokens/revoke", new { subject = "has space" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.True(bad.GetProperty("errors").TryGetProperty("subject", out _), bad.ToString());
        Assert.Equal(HttpStatusCode.OK, (await manager.GetAsync("/api/me")).StatusCode);
        var repository = factory.Services.GetRequiredService<ITokenRevocationRepository>();
        Assert.Null(await repository.GetRevokedBeforeAsync("carol"));
        Assert.Null(await repository.GetRevokedBeforeAsync("has space"));
    }

    [Fact]
    public async Task Another_server_on_the_same_database_refuses_the_tokens_once_its_cache_expires()
    {
        var settings = new Dictionary<string, string?> { ["Auth:RevocationCacheDuration"] = "00:00:01" };
        await using var first = OkrConnectFactory.Create(new() { Settings = settings });
        await using var second = OkrConnectFactory.Create(new() { DataDirectory = first.DataDirectory, Settings = settings });
        var token = first.CreateToken(Role.Member, "dave");
        var onSecond = second.CreateClientWithToken(token);
        Assert.Equal(HttpStatusCode.OK, (await onSecond.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await first.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/tokens/revoke", new { subject = "dave" })).StatusCode);
        await Task.Delay(TimeSpan.FromSeconds(1.2));

        await (await onSecond.GetAsync("/api/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [PostgresFact]
    public async Task Revocations_are_stored_and_honoured_on_PostgreSQL()
    {
        await using var factory = OkrConnectFactory.Create(new() { Postgres = true });
        var erin = factory.CreateClientFor(Role.Viewer, "erin");

        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientFor(Role.Admin).PostAsJsonAsync("/api/tokens/revoke", new { subject = "erin" })).StatusCode);

        await (await erin.GetAsync("/api/me")).ReadProblemAsync(HttpStatusCode.Unauthorized);
        Assert.NotNull(await factory.Services.GetRequiredService<ITokenRevocationRepository>().GetRevokedBeforeAsync("erin"));
    }
}
