using System.Net;
using System.Net.Http.Json;
using Hangfire;
using Hangfire.PostgreSql;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Host;

/// <summary>The same start-up on PostgreSQL: migrations, key ring and signing key in the database, Hangfire in schema <c>hangfire</c>.</summary>
public sealed class PostgresHostTests
{
    [PostgresFact]
    public async Task Starts_migrates_and_issues_tokens_on_PostgreSQL()
    {
        await using var factory = OkrConnectFactory.Create(new() { Postgres = true });
        var anonymous = factory.CreateAnonymousClient();

        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync("/readyz")).StatusCode);
        Assert.IsType<PostgreSqlStorage>(factory.Services.GetRequiredService<JobStorage>());
        var token = await (await anonymous.PostAsJsonAsync("/api/auth/token", new { subject = OkrConnectFactory.BootstrapSubject, secret = OkrConnectFactory.DefaultBootstrapSecret }))
            .ReadJsonAsync<TokenResponse>();
        Assert.Equal(HttpStatusCode.OK, (await factory.CreateClientWithToken(token.AccessToken).GetAsync("/hangfire")).StatusCode);
    }

    [PostgresFact]
    public async Task Two_servers_on_one_database_accept_each_others_tokens()
    {
        await using var first = OkrConnectFactory.Create(new() { Postgres = true });
        await using var second = OkrConnectFactory.Create(new()
        {
            Settings = new Dictionary<string, string?> { ["Storage:Provider"] = "postgres", ["Storage:ConnectionString"] = first.PostgresConnectionString },
        });
        _ = first.Services;

        var fromFirst = first.CreateToken(Role.Manager);
        var fromSecond = second.CreateToken(Role.Manager);

        Assert.Equal(HttpStatusCode.OK, (await second.CreateClientWithToken(fromFirst).GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await first.CreateClientWithToken(fromSecond).GetAsync("/api/me")).StatusCode);
    }
}
