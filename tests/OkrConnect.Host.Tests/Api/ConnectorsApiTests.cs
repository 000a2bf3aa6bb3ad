using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Connectors;
using OkrConnect.Host.Security.DataProtection;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class ConnectorsApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private const string Credentials = "alice@example.com:ATATT-credential-5f1e2d";
    private const string WebhookSecret = "whsec-7c9a0b1d2e";

    private readonly HttpClient _admin = factory.CreateClientFor(Role.Admin, "ada");

    [Fact]
    public async Task Secrets_are_write_only_encrypted_and_never_echoed_or_logged()
    {
        var create = await _admin.PostJsonAsync("/api/connectors", new
        {
            kind = "jira",
            name = "Acme Jira",
            baseUrl = "https://acme.atlassian.net/",
            options = new { deployment = "cloud", storyPointFields = new[] { "customfield_10016" } },
            credentials = Credentials,
            webhookSecret = WebhookSecret,
        });
        var createBody = await create.Content.ReadAsStringAsync();
        var created = await create.ReadAsync<ConnectorResponse>(HttpStatusCode.Created);
        var id = created.Id;

        var get = await (await _admin.GetAsync($"/api/connectors/{id}")).Content.ReadAsStringAsync();
        var list = await (await _admin.GetAsync("/api/connectors")).Content.ReadAsStringAsync();
        var patch = await _admin.PatchJsonAsync($"/api/connectors/{id}", new { name = "Acme Jira Cloud" });
        var patchBody = await patch.Content.ReadAsStringAsync();

        foreach (var body in new[] { createBody, get, list, patchBody })
        {
            Assert.DoesNotContain(Credentials, body, StringComparison.Ordinal);
            Assert.DoesNotContain(WebhookSecret, body, StringComparison.Ordinal);
        }

        Assert.DoesNotContain(Credentials, factory.Logs.AllText, StringComparison.Ordinal);
        Assert.DoesNotContain(WebhookSecret, factory.Logs.AllText, StringComparison.Ordinal);
        Assert.True(created.HasCredentials && created.HasWebhookSecret);
        Assert.Equal("https://acme.atlassian.net", created.BaseUrl);
        Assert.Equal(("en", "*/15 * * * *", true), (created.Locale, created.SyncCron, created.Enabled));
        Assert.Equal("customfield_10016", created.Options.GetProperty("storyPointFields")[0].GetString());

        // Kept by a PATCH that does not mention them, and stored encrypted.
        var patched = await patch.ReadAsync<ConnectorResponse>();
        Assert.True(patched.HasCredentials && patched.HasWebhookSecret);
        var stored = await factory.Services.GetRequiredService<IConnectorRepository>().GetSecretsAsync(id);
        Assert.NotEqual(Credentials, stored.Credentials);
        Assert.Equal(Credentials, factory.Services.GetRequiredService<SecretProtector>().Unprotect(SecretProtector.ConnectorSecrets, stored.Credentials!));
    }

    [Fact]
    public async Task An_explicit_null_removes_a_secret_and_a_new_value_replaces_it()
    {
        var connector = await new OkrSeed(_admin).ConnectorAsync(Credentials, WebhookSecret);

        var cleared = await (await _admin.PatchJsonAsync($"/api/connectors/{connector.Id}", new { webhookSecret = (string?)null })).ReadAsync<ConnectorResponse>();
        var replaced = await (await _admin.PatchJsonAsync($"/api/connectors/{connector.Id}", new { credentials = "bob@example.com:new-token" })).ReadAsync<ConnectorResponse>();

        Assert.Equal((true, false), (cleared.HasCredentials, cleared.HasWebhookSecret));
        Assert.Equal((true, false), (replaced.HasCredentials, replaced.HasWebhookSecret));
        var stored = await factory.Services.GetRequiredService<IConnectorRepository>().GetSecretsAsync(connector.Id);
        Assert.Null(stored.WebhookSecret);
        Assert.Equal("bob@example.com:new-token", factory.Services.GetRequiredService<SecretProtector>().Unprotect(SecretProtector.ConnectorSecrets, stored.Credentials!));
    }

    [Fact]
    public async Task A_kind_without_an_installed_tracker_can_drop_its_credentials()
    {
        var created = await (await _admin.PostJsonAsync("/api/connectors", new { kind = "youtrack", name = "yt", baseUrl = "https://yt.example", credentials = Credentials }))
            .ReadAsync<ConnectorResponse>(HttpStatusCode.Created);

        var cleared = await (await _admin.PatchJsonAsync($"/api/connectors/{created.Id}", new { credentials = (string?)null })).ReadAsync<ConnectorResponse>();

        Assert.True(created.HasCredentials);
        Assert.False(cleared.HasCredentials);
        Assert.Null((await factory.Services.GetRequiredService<IConnectorRepository>().GetSecretsAsync(created.Id)).Credentials);
    }

    [Fact]
    public async Task An_installed_tracker_checks_its_own_settings_on_create_and_patch()
    {
        var missingDeployment = await (await _admin.PostJsonAsync("/api/connectors", new { kind = "jira", name = "x", baseUrl = "https://acme.atlassian.net", credentials = Credentials }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var connector = await new OkrSeed(_admin).ConnectorAsync(Credentials);
        var dropCredentials = await (await _admin.PatchJsonAsync($"/api/connectors/{connector.Id}", new { credentials = (string?)null }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var renamed = await (await _admin.PatchJsonAsync($"/api/connectors/{connector.Id}", new { name = "still valid" })).ReadAsync<ConnectorResponse>();

        Assert.Contains("deployment", Assert.Single(missingDeployment.Errors("options")), StringComparison.Ordinal);
        Assert.Contains("credentials are required", Assert.Single(dropCredentials.Errors("credentials")), StringComparison.Ordinal);
        Assert.True(renamed.HasCredentials);
    }

    [Fact]
    public async Task Bad_settings_are_400_naming_each_field_and_nothing_is_written()
    {
        using var fresh = OkrConnectFactory.Create(new OkrConnectFactoryOptions());
        var admin = fresh.CreateClientFor(Role.Admin, "ada");

        var problem = await (await admin.PostJsonAsync("/api/connectors", new
        {
            kind = "Jira Cloud",
            name = "x",
            baseUrl = "ftp://acme.example",
            options = new[] { 1, 2 },
            locale = "fr",
            syncCron = "every minute",
            credentials = "  ",
        })).ReadProblemAsync(HttpStatusCode.BadRequest);

        foreach (var field in new[] { "kind", "baseUrl", "options", "locale", "syncCron", "credentials" })
        {
            Assert.Single(problem.Errors(field));
        }

        var list = await (await admin.GetAsync("/api/connectors")).ReadAsync<PageOf<ConnectorResponse>>();
        Assert.Equal(0, list.Total);
    }

    [Theory]
    [InlineData("not a url")]
    [InlineData("/relative/path")]
    [InlineData("https://user:pass@acme.atlassian.net")]
    public async Task The_base_url_must_be_an_absolute_http_url_without_credentials(string baseUrl)
    {
        var problem = await (await _admin.PostJsonAsync("/api/connectors", new { kind = "jira", name = "x", baseUrl }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Single(problem.Errors("baseUrl"));
    }

    [Theory]
    [InlineData("0 */2 * * MON-FRI")]
    [InlineData("*/5 * * * *")]
    [InlineData("0 0 1 JAN,JUL *")]
    public async Task Common_schedules_are_accepted(string syncCron)
    {
        var response = await _admin.PostJsonAsync("/api/connectors", new { kind = "youtrack", name = "yt", baseUrl = "https://yt.example", syncCron, locale = "zh-cn" });

        var created = await response.ReadAsync<ConnectorResponse>(HttpStatusCode.Created);
        Assert.Equal(("zh-CN", false), (created.Locale, created.HasCredentials));
    }

    [Fact]
    public async Task Members_cannot_create_connectors_and_managers_only_read_them()
    {
        var connector = await new OkrSeed(_admin).ConnectorAsync(Credentials);
        var member = factory.CreateClientFor(Role.Member, "mia");
        var manager = factory.CreateClientFor(Role.Manager, "alice");
        var body = new { kind = "jira", name = "x", baseUrl = "https://acme.atlassian.net" };

        var memberCreate = await (await member.PostJsonAsync("/api/connectors", body)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await member.GetAsync($"/api/connectors/{connector.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PostJsonAsync("/api/connectors", body)).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.PatchJsonAsync($"/api/connectors/{connector.Id}", new { name = "y" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await manager.DeleteAsync($"/api/connectors/{connector.Id}")).ReadProblemAsync(HttpStatusCode.Forbidden);
        var read = await (await manager.GetAsync($"/api/connectors/{connector.Id}")).ReadAsync<ConnectorResponse>();

        Assert.Contains("admin", memberCreate.Detail(), StringComparison.Ordinal);
        Assert.Equal(connector.Id, read.Id);
    }

    [Fact]
    public async Task A_connector_in_use_cannot_be_deleted_until_its_links_are_gone()
    {
        var seed = new OkrSeed(factory.CreateClientFor(Role.Manager, "alice"));
        var connector = await new OkrSeed(_admin).UninstalledConnectorAsync();
        var objective = await seed.ObjectiveAsync((await seed.CycleAsync()).Id);
        var link = await seed.LinkAsync((await seed.KeyResultAsync(objective.Id)).Id, connector.Id);

        var problem = await (await _admin.DeleteAsync($"/api/connectors/{connector.Id}")).ReadProblemAsync(HttpStatusCode.Conflict);
        Assert.Contains("1 link", problem.Detail(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/links/{link.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"/api/connectors/{connector.Id}")).StatusCode);
        await (await _admin.GetAsync($"/api/connectors/{connector.Id}")).ReadProblemAsync(HttpStatusCode.NotFound);
    }
}
