using Microsoft.AspNetCore.DataProtection;

namespace OkrConnect.Host.Security.DataProtection;

/// <summary>
/// Encrypts secrets before they are stored (connector credentials, webhook secrets) with ASP.NET Core Data Protection.
/// The purpose string isolates kinds of secret: a ciphertext protected for one purpose does not open with another.
/// Unprotect throws <see cref="System.Security.Cryptography.CryptographicException"/> when the value was tampered with or
/// the key ring no longer has its key.
/// </summary>
public sealed class SecretProtector(IDataProtectionProvider provider)
{
    public const string ConnectorSecrets = "OkrConnect.ConnectorSecrets.v1";
    public const string WebhookSecrets = "OkrConnect.WebhookSecrets.v1";

    public string Protect(string purpose, string plaintext) => provider.CreateProtector(purpose).Protect(plaintext);

    public string Unprotect(string purpose, string protectedValue) => provider.CreateProtector(purpose).Unprotect(protectedValue);
}
