using System.Net;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

public sealed partial class BootstrapTests : IDisposable
{
    private readonly string _dataDirectory = OkrConnectFactory.CreateTempDirectory();

    [GeneratedRegex(@"^\s+(okrc_[A-Za-z0-9_-]+)\s*$", RegexOptions.Multiline)]
    private static partial Regex PrintedSecret();

    [Fact]
    public async Task First_start_creates_one_admin_and_prints_its_secret_once()
    {
        string secret;
        await using (var first = OkrConnectFactory.Create(new() { DataDirectory = _dataDirectory, BootstrapSecret = null }))
        {
            var response = await Exchange(first, OkrConnectFactory.BootstrapSubject, "placeholder");
            Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);

            var printed = first.OperatorConsoleText;
            var matches = PrintedSecret().Matches(printed);
            Assert.Single(matches);
            secret = matches[0].Groups[1].Value;
            Assert.Contains("Created the admin account 'admin'", printed, StringComparison.Ordinal);
            Assert.DoesNotContain(secret, first.Logs.AllText, StringComparison.Ordinal);

            var token = await (await Exchange(first, OkrConnectFactory.BootstrapSubject, secret)).ReadJsonAsync<TokenResponse>();
            var me = await first.CreateClientWithToken(token.AccessToken).GetFromJsonAsync<MeResponse>("/api/me");
            Assert.Equal(("admin", "admin"), (me!.Subject, me.Role));
        }

        await using var second = OkrConnectFactory.Create(new() { DataDirectory = _dataDirectory, BootstrapSecret = null });
        Assert.Equal(HttpStatusCode.OK, (await Exchange(second, OkrConnectFactory.BootstrapSubject, secret)).StatusCode);
        Assert.Equal("", second.OperatorConsoleText);
        var accounts = await second.Services.GetRequiredService<IAccountRepository>().ListAsync(0, 100);
        Assert.Single(accounts.Items, account => account.Role == Role.Admin);
    }

    [Fact]
    public async Task A_configured_secret_is_used_and_not_printed()
    {
        await using var factory = OkrConnectFactory.Create(new() { DataDirectory = _dataDirectory, BootstrapSecret = "configured-bootstrap-secret" });

        var response = await Exchange(factory, OkrConnectFactory.BootstrapSubject, "configured-bootstrap-secret");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", factory.OperatorConsoleText);
        Assert.DoesNotContain("configured-bootstrap-secret", factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_secret_can_come_from_OKRCONNECT_BOOTSTRAP_SECRET()
    {
        await using var factory = OkrConnectFactory.Create(new()
        {
            DataDirectory = _dataDirectory,
            BootstrapSecret = null,
            Settings = new Dictionary<string, string?> { ["OKRCONNECT_BOOTSTRAP_SECRET"] = "secret-from-the-environment" },
        });

        var response = await Exchange(factory, OkrConnectFactory.BootstrapSubject, "secret-from-the-environment");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("", factory.OperatorConsoleText);
    }

    [Fact]
    public async Task The_secret_is_stored_only_as_a_salted_hash()
    {
        await using var factory = OkrConnectFactory.Create(new() { DataDirectory = _dataDirectory });

        var admin = await factory.Services.GetRequiredService<IAccountRepository>().GetBySubjectAsync(OkrConnectFactory.BootstrapSubject);

        Assert.NotNull(admin?.SecretHash);
        Assert.StartsWith("pbkdf2-sha512$", admin.SecretHash, StringComparison.Ordinal);
        Assert.DoesNotContain(OkrConnectFactory.DefaultBootstrapSecret, admin.SecretHash, StringComparison.Ordinal);
    }

    public void Dispose() => OkrConnectFactory.TryDeleteDirectory(_dataDirectory);

    private static Task<HttpResponseMessage> Exchange(OkrConnectFactory factory, string subject, string secret) =>
        factory.CreateAnonymousClient().PostAsJsonAsync("/api/auth/token", new { subject, secret });
}
