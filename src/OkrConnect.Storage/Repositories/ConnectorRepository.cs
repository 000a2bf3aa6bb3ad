using Dapper;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

/// <summary>
/// Connector settings and their protected secrets. Reads of the settings never select the ciphertexts, only
/// whether they are present. A connector still used by links cannot be deleted (ON DELETE RESTRICT).
/// </summary>
public sealed class ConnectorRepository(DatabaseConnectionFactory connections) : IConnectorRepository
{
    private const string InsertSql = """
        INSERT INTO connectors (id, kind, name, base_url, options_json, locale, sync_cron, enabled,
                                credentials_protected, webhook_secret_protected, created_at)
        VALUES (@Id, @Kind, @Name, @BaseUrl, @OptionsJson, @Locale, @SyncCron, @Enabled,
                @Credentials, @WebhookSecret, @CreatedAt)
        """;

    private const string GetSql = """
        SELECT id, kind, name, base_url, options_json, locale, sync_cron, enabled,
               credentials_protected IS NOT NULL AS has_credentials,
               webhook_secret_protected IS NOT NULL AS has_webhook_secret,
               created_at
        FROM connectors
        WHERE id = @Id
        """;

    private const string ListSql = """
        SELECT COUNT(*) FROM connectors;

        SELECT id, kind, name, base_url, options_json, locale, sync_cron, enabled,
               credentials_protected IS NOT NULL AS has_credentials,
               webhook_secret_protected IS NOT NULL AS has_webhook_secret,
               created_at
        FROM connectors
        ORDER BY name, id
        LIMIT @Limit OFFSET @Offset;
        """;

    // A secret is replaced only when the caller sent one: "keep" leaves the stored ciphertext untouched.
    private const string UpdateSql = """
        UPDATE connectors
        SET kind = @Kind,
            name = @Name,
            base_url = @BaseUrl,
            options_json = @OptionsJson,
            locale = @Locale,
            sync_cron = @SyncCron,
            enabled = @Enabled,
            credentials_protected = CASE WHEN @KeepCredentials THEN credentials_protected ELSE @Credentials END,
            webhook_secret_protected = CASE WHEN @KeepWebhookSecret THEN webhook_secret_protected ELSE @WebhookSecret END
        WHERE id = @Id
        """;

    private const string GetSecretsSql = """
        SELECT credentials_protected AS credentials, webhook_secret_protected AS webhook_secret
        FROM connectors
        WHERE id = @Id
        """;

    private const string DeleteSql = "DELETE FROM connectors WHERE id = @Id";

    public async Task InsertAsync(ConnectorConfig connector, ProtectedSecrets secrets, CancellationToken ct = default)
    {
        var parameters = new DynamicParameters(ConnectorRow.From(connector));
        parameters.Add("Credentials", StoredValue(secrets.Credentials));
        parameters.Add("WebhookSecret", StoredValue(secrets.WebhookSecret));

        await connections.ExecuteAsync(InsertSql, parameters, ct);
    }

    public async Task<ConnectorConfig?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<ConnectorRow>(GetSql, new { Id = id }, ct))?.ToConnector();

    public Task<Page<ConnectorConfig>> ListAsync(int offset, int limit, CancellationToken ct = default) =>
        connections.PageAsync<ConnectorRow, ConnectorConfig>(ListSql, new { }, offset, limit, row => row.ToConnector(), ct);

    public async Task UpdateAsync(ConnectorConfig connector, ProtectedSecrets secrets, CancellationToken ct = default)
    {
        var parameters = new DynamicParameters(ConnectorRow.From(connector));
        parameters.Add("KeepCredentials", secrets.Credentials is null);
        parameters.Add("Credentials", StoredValue(secrets.Credentials));
        parameters.Add("KeepWebhookSecret", secrets.WebhookSecret is null);
        parameters.Add("WebhookSecret", StoredValue(secrets.WebhookSecret));

        await connections.ExecuteAsync(UpdateSql, parameters, ct);
    }

    /// <summary>The stored ciphertexts; both null when the connector has none (or does not exist).</summary>
    public async Task<ProtectedSecrets> GetSecretsAsync(Guid id, CancellationToken ct = default)
    {
        var row = await connections.QuerySingleOrDefaultAsync<SecretsRow>(GetSecretsSql, new { Id = id }, ct);
        return row is null ? new ProtectedSecrets(null, null) : new ProtectedSecrets(row.Credentials, row.WebhookSecret);
    }

    public async Task DeleteAsync(Guid id, CancellationToken ct = default) =>
        await connections.ExecuteAsync(DeleteSql, new { Id = id }, ct);

    /// <summary>The column value for a secret that is being written: <see cref="ProtectedSecrets.Clear"/> and null store nothing.</summary>
    private static string? StoredValue(string? secret) => secret == ProtectedSecrets.Clear ? null : secret;

    private sealed class ConnectorRow
    {
        public Guid Id { get; init; }
        public string Kind { get; init; } = "";
        public string Name { get; init; } = "";
        public string BaseUrl { get; init; } = "";
        public string OptionsJson { get; init; } = "";
        public string Locale { get; init; } = "";
        public string SyncCron { get; init; } = "";
        public bool Enabled { get; init; }
        public bool HasCredentials { get; init; }
        public bool HasWebhookSecret { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static ConnectorRow From(ConnectorConfig connector) => new()
        {
            Id = connector.Id,
            Kind = connector.Kind,
            Name = connector.Name,
            BaseUrl = connector.BaseUrl,
            OptionsJson = connector.Options,
            Locale = connector.Locale,
            SyncCron = connector.SyncCron,
            Enabled = connector.Enabled,
            CreatedAt = connector.CreatedAt,
        };

        public ConnectorConfig ToConnector() => new(
            Id, Kind, Name, BaseUrl, OptionsJson, Locale, SyncCron, Enabled, HasCredentials, HasWebhookSecret, CreatedAt);
    }

    private sealed class SecretsRow
    {
        public string? Credentials { get; init; }
        public string? WebhookSecret { get; init; }
    }
}
