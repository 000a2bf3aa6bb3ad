namespace OkrConnect.Sync.Connectors;

/// <summary>Which of a connector's secrets a ciphertext holds (each kind is encrypted for its own purpose).</summary>
public enum ConnectorSecret
{
    Credentials,
    WebhookSecret,
}

/// <summary>
/// Turns a stored connector secret back into plaintext, in memory only. The host implements it with its own protector
/// so the engine never learns how secrets are encrypted.
/// </summary>
public interface ISecretUnprotector
{
    /// <summary>Null in, null out.</summary>
    string? Unprotect(ConnectorSecret secret, string? protectedValue);
}
