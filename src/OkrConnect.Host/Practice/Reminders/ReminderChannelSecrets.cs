using OkrConnect.Core.Persistence;
using OkrConnect.Host.Security.DataProtection;
using OkrConnect.Notifications;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// Encrypts a channel's webhook address and secret for storage (both are credentials: the address carries the
/// platform's token) and opens them for delivery. Plaintext never leaves the caller of <see cref="Open"/>.
/// </summary>
public sealed class ReminderChannelSecrets(SecretProtector protector)
{
    /// <summary>The Data Protection purpose: a ciphertext made for another kind of secret does not open here.</summary>
    public const string Purpose = "OkrConnect.ReminderChannels.v1";

    public string Protect(string plaintext) => protector.Protect(Purpose, plaintext);

    /// <exception cref="System.Security.Cryptography.CryptographicException">The key ring lost the key, or the value was tampered with.</exception>
    public ChatChannelSettings Open(ReminderChannel channel) => new(
        protector.Unprotect(Purpose, channel.ProtectedWebhookUrl),
        channel.ProtectedSecret is null ? null : protector.Unprotect(Purpose, channel.ProtectedSecret));

    /// <summary>The masked address for responses, or a placeholder when it can no longer be decrypted.</summary>
    public string MaskedUrl(ReminderChannel channel)
    {
        try
        {
            return WebhookAddress.Mask(protector.Unprotect(Purpose, channel.ProtectedWebhookUrl));
        }
        catch (System.Security.Cryptography.CryptographicException)
        {
            return "(unreadable: enter the webhook URL again)";
        }
    }
}
