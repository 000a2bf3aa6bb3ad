namespace OkrConnect.Host.Security;

/// <summary>Where the token signing keys live, only ever in Data Protection-protected form.</summary>
public interface ISigningKeyStore
{
    /// <summary>The protected keys, oldest first.</summary>
    Task<IReadOnlyList<string>> ReadAllAsync(CancellationToken ct);

    Task AddAsync(string protectedKey, CancellationToken ct);
}
