using System.Security.Cryptography;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Security.DataProtection;

namespace OkrConnect.Host.Api.Connectors;

/// <summary>
/// Turns the write-only secrets of a request into what the repository stores: ciphertexts, the "clear" marker,
/// or null for "keep the stored one". Plaintext exists only in memory, for the tracker's settings check; it is never
/// logged or returned.
/// </summary>
public sealed class ConnectorSecrets(SecretProtector protector, IConnectorRepository connectors)
{
    public ProtectedSecrets ForInsert(string? credentials, string? webhookSecret) =>
        new(Protect(SecretProtector.ConnectorSecrets, credentials), Protect(SecretProtector.WebhookSecrets, webhookSecret));

    public ProtectedSecrets ForUpdate(UpdateConnectorRequest request) => new(
        Change(SecretProtector.ConnectorSecrets, request.Credentials.IsSet, request.Credentials.Value),
        Change(SecretProtector.WebhookSecrets, request.WebhookSecret.IsSet, request.WebhookSecret.Value));

    /// <summary>The secrets as they will be after <paramref name="request"/>: the ones sent, else the stored ones decrypted.</summary>
    public async Task<(string? Credentials, string? WebhookSecret)> AfterUpdateAsync(Guid id, UpdateConnectorRequest request, CancellationToken ct)
    {
        if (request.Credentials.IsSet && request.WebhookSecret.IsSet)
        {
            return (request.Credentials.Value, request.WebhookSecret.Value);
        }

        var stored = await connectors.GetSecretsAsync(id, ct);
        return (
            request.Credentials.IsSet ? request.Credentials.Value : Unprotect(SecretProtector.ConnectorSecrets, stored.Credentials),
            request.WebhookSecret.IsSet ? request.WebhookSecret.Value : Unprotect(SecretProtector.WebhookSecrets, stored.WebhookSecret));
    }

    private string? Change(string purpose, bool isSet, string? value) => isSet
        ? Protect(purpose, value) ?? ProtectedSecrets.Clear
        : null;

    private string? Protect(string purpose, string? plaintext) =>
        plaintext is null ? null : protector.Protect(purpose, plaintext);

    private string? Unprotect(string purpose, string? ciphertext)
    {
        if (ciphertext is null)
        {
            return null;
        }

        try
        {
            return protector.Unprotect(purpose, ciphertext);
        }
        catch (CryptographicException)
        {
            // The key ring lost its key: the secret is as good as absent, and the settings check will ask for it again.
            return null;
        }
    }
}
