using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Sync.Connectors;

/// <summary>A connector row, the implementation of its kind and its decrypted settings, for one run.</summary>
public sealed record ConnectorContext(ConnectorConfig Config, ITrackerConnector Connector, ConnectorSettings Settings)
{
    public bool Supports(WriteBackMode mode) => mode switch
    {
        WriteBackMode.Comment => Connector.Capabilities.HasFlag(ConnectorCapabilities.CommentWriteBack),
        WriteBackMode.Field => Connector.Capabilities.HasFlag(ConnectorCapabilities.FieldWriteBack),
        WriteBackMode.Property => Connector.Capabilities.HasFlag(ConnectorCapabilities.PropertyWriteBack),
        _ => false,
    };

    // Never print the settings (they hold decrypted secrets), even though their own ToString masks them.
    public override string ToString() => $"ConnectorContext {{ Id = {Config.Id}, Kind = {Config.Kind} }}";
}

/// <summary>Loads a connector with its decrypted secrets and the implementation of its kind.</summary>
public sealed class ConnectorContextLoader(IConnectorRepository connectors, ISecretUnprotector secrets, ConnectorCatalog catalog)
{
    /// <summary>Null when the connector does not exist or no implementation of its kind is registered.</summary>
    public async Task<ConnectorContext?> LoadAsync(Guid connectorId, CancellationToken ct)
    {
        var config = await connectors.GetAsync(connectorId, ct);
        if (config is null || catalog.Find(config.Kind) is not { } connector)
        {
            return null;
        }

        var stored = await connectors.GetSecretsAsync(connectorId, ct);
        var settings = new ConnectorSettings(
            config.Id,
            config.BaseUrl,
            config.Options,
            secrets.Unprotect(ConnectorSecret.Credentials, stored.Credentials),
            secrets.Unprotect(ConnectorSecret.WebhookSecret, stored.WebhookSecret),
            config.Locale);
        return new ConnectorContext(config, connector, settings);
    }
}
