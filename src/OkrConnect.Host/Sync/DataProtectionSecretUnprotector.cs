using System.Security.Cryptography;
using OkrConnect.Host.Security.DataProtection;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Host.Sync;

/// <summary>Opens connector secrets with the host's Data Protection keys, each kind under its own purpose.</summary>
public sealed class DataProtectionSecretUnprotector(SecretProtector protector, ILogger<DataProtectionSecretUnprotector> logger)
    : ISecretUnprotector
{
    public string? Unprotect(ConnectorSecret secret, string? protectedValue)
    {
        if (protectedValue is null)
        {
            return null;
        }

        var purpose = secret == ConnectorSecret.Credentials ? SecretProtector.ConnectorSecrets : SecretProtector.WebhookSecrets;
        try
        {
            return protector.Unprotect(purpose, protectedValue);
        }
        catch (CryptographicException)
        {
            // The key ring lost the key (or the value was tampered with): behave as if no secret were set, so syncs
            // report missing credentials and webhooks fail verification, instead of failing with a crypto error.
            logger.LogError("A connector's {Secret} cannot be decrypted with the current key ring; set it again", secret);
            return null;
        }
    }
}
