namespace OkrConnect.Core.Domain;

/// <summary>
/// An admin-configured tracker site. Secrets are never part of this record: they are stored encrypted
/// beside it and only their presence is visible (<see cref="HasCredentials"/>, <see cref="HasWebhookSecret"/>).
/// <see cref="Options"/> is the connector-specific settings object as JSON (validated by the connector).
/// </summary>
public sealed record ConnectorConfig(
    Guid Id,
    string Kind,
    string Name,
    string BaseUrl,
    string Options,
    string Locale,
    string SyncCron,
    bool Enabled,
    bool HasCredentials,
    bool HasWebhookSecret,
    DateTimeOffset CreatedAt);
