using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class ConnectorRepositoryOnSqlite : ConnectorRepositoryTests<SqliteTestDatabase>;

public sealed class ConnectorRepositoryOnPostgres : ConnectorRepositoryTests<PostgresTestDatabase>;

public abstract class ConnectorRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    private static readonly ProtectedSecrets BothSecrets = new("cipher:credentials", "cipher:webhook");

    [StorageFact]
    public async Task Insert_with_secrets_reports_their_presence_but_never_returns_them_with_the_settings()
    {
        var connector = TestData.Connector();

        await Connectors.InsertAsync(connector, BothSecrets);

        Assert.Equal(connector with { HasCredentials = true, HasWebhookSecret = true }, await Connectors.GetAsync(connector.Id));
        Assert.Equal(BothSecrets, await Connectors.GetSecretsAsync(connector.Id));
    }

    [StorageFact]
    public async Task Insert_without_secrets_stores_none()
    {
        var connector = TestData.Connector() with { Enabled = false };

        await Connectors.InsertAsync(connector, new ProtectedSecrets(null, ProtectedSecrets.Clear));

        Assert.Equal(connector, await Connectors.GetAsync(connector.Id));
        Assert.Equal(new ProtectedSecrets(null, null), await Connectors.GetSecretsAsync(connector.Id));
    }

    [StorageFact]
    public async Task Update_with_null_secrets_keeps_the_stored_ones_and_changes_the_settings()
    {
        var connector = TestData.Connector();
        await Connectors.InsertAsync(connector, BothSecrets);
        var changed = connector with
        {
            Name = "Jira (new)",
            BaseUrl = "https://other.atlassian.net",
            Options = """{"storyPointsField":"customfield_10028"}""",
            Locale = "de-DE",
            SyncCron = "0 0 * * * *",
            Enabled = false,
            HasCredentials = false,
            HasWebhookSecret = false,
        };

        await Connectors.UpdateAsync(changed, ProtectedSecrets.Unchanged);

        Assert.Equal(changed with { HasCredentials = true, HasWebhookSecret = true }, await Connectors.GetAsync(connector.Id));
        Assert.Equal(BothSecrets, await Connectors.GetSecretsAsync(connector.Id));
    }

    [StorageFact]
    public async Task Update_with_one_new_secret_replaces_only_that_one()
    {
        var connector = TestData.Connector();
        await Connectors.InsertAsync(connector, BothSecrets);

        await Connectors.UpdateAsync(connector, new ProtectedSecrets("cipher:rotated", null));

        Assert.Equal(new ProtectedSecrets("cipher:rotated", "cipher:webhook"), await Connectors.GetSecretsAsync(connector.Id));
    }

    [StorageFact]
    public async Task Update_with_clear_removes_the_secret()
    {
        var connector = TestData.Connector();
        await Connectors.InsertAsync(connector, BothSecrets);

        await Connectors.UpdateAsync(connector, new ProtectedSecrets(null, ProtectedSecrets.Clear));

        var loaded = await Connectors.GetAsync(connector.Id);
        Assert.True(loaded!.HasCredentials);
        Assert.False(loaded.HasWebhookSecret);
        Assert.Equal(new ProtectedSecrets("cipher:credentials", null), await Connectors.GetSecretsAsync(connector.Id));

        await Connectors.UpdateAsync(connector, new ProtectedSecrets(ProtectedSecrets.Clear, "cipher:new-webhook"));

        Assert.Equal(new ProtectedSecrets(null, "cipher:new-webhook"), await Connectors.GetSecretsAsync(connector.Id));
    }

    [StorageFact]
    public async Task List_pages_by_name_with_the_total()
    {
        var names = new[] { "delta", "alpha", "charlie", "bravo" };
        foreach (var name in names)
        {
            await Connectors.InsertAsync(TestData.Connector(name), ProtectedSecrets.Unchanged);
        }

        var page = await Connectors.ListAsync(offset: 1, limit: 2);

        Assert.Equal(4, page.Total);
        Assert.Equal(["bravo", "charlie"], page.Items.Select(connector => connector.Name));
    }

    [StorageFact]
    public async Task Delete_removes_the_connector_and_its_secrets()
    {
        var connector = TestData.Connector();
        await Connectors.InsertAsync(connector, BothSecrets);

        await Connectors.DeleteAsync(connector.Id);

        Assert.Null(await Connectors.GetAsync(connector.Id));
        Assert.Equal(new ProtectedSecrets(null, null), await Connectors.GetSecretsAsync(connector.Id));
    }
}
