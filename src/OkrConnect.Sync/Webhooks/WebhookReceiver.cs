using System.Security.Cryptography;
using Microsoft.Extensions.Logging;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Sync.Webhooks;

public enum WebhookReceipt
{
    /// <summary>Stored in the inbox; the processor will sync what it touches.</summary>
    Accepted,

    /// <summary>A redelivery of a delivery id already accepted: acknowledged and ignored.</summary>
    Duplicate,

    /// <summary>Verified, but nothing to do (the connector is disabled): acknowledged, nothing stored.</summary>
    Ignored,

    /// <summary>No such connector, or it is of another kind, or its kind takes no webhooks.</summary>
    UnknownConnector,

    /// <summary>The signature did not verify (or no webhook secret is set): nothing stored.</summary>
    InvalidSignature,

    /// <summary>The signature verified but the body is not a delivery the connector understands.</summary>
    Malformed,
}

/// <summary>
/// The receiving half of webhooks: verifies the delivery with the connector before anything is stored, remembers its
/// id so redeliveries are ignored, and stores what it touches in the inbox. It answers fast; syncing is the
/// processor's job.
/// </summary>
public sealed class WebhookReceiver(
    ConnectorContextLoader connectors, IWebhookInboxRepository inbox, WebhookSignal signal, TimeProvider clock, ILogger<WebhookReceiver> logger)
{
    public async Task<WebhookReceipt> ReceiveAsync(string kind, Guid connectorId, WebhookDelivery delivery, CancellationToken ct)
    {
        if (await connectors.LoadAsync(connectorId, ct) is not { } connector
            || !string.Equals(connector.Config.Kind, kind, StringComparison.OrdinalIgnoreCase)
            || !connector.Connector.Capabilities.HasFlag(ConnectorCapabilities.Webhooks))
        {
            return WebhookReceipt.UnknownConnector;
        }

        WebhookParseResult parsed;
        try
        {
            parsed = connector.Connector.ParseWebhook(connector.Settings, delivery);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            logger.LogWarning("Webhook for connector {ConnectorId} could not be parsed: {Message}", connectorId, ex.Message);
            return WebhookReceipt.Malformed;
        }

        if (!parsed.SignatureValid)
        {
            logger.LogWarning("Webhook for connector {ConnectorId} rejected: invalid signature", connectorId);
            return WebhookReceipt.InvalidSignature;
        }

        if (!connector.Config.Enabled)
        {
            return WebhookReceipt.Ignored;
        }

        // Without a delivery id the body itself identifies the delivery: an identical redelivery is still caught.
        var deliveryId = string.IsNullOrWhiteSpace(parsed.DeliveryId)
            ? "sha256:" + Convert.ToHexStringLower(SHA256.HashData(delivery.Body))
            : parsed.DeliveryId.Trim();
        var entry = new WebhookInboxEntry(
            Guid.NewGuid(), connectorId, parsed.EventType, parsed.ItemExternalIds, parsed.Targets, clock.GetUtcNow(), 0);
        if (!await inbox.AcceptAsync(entry, deliveryId, ct))
        {
            return WebhookReceipt.Duplicate;
        }

        signal.Notify();
        return WebhookReceipt.Accepted;
    }
}
