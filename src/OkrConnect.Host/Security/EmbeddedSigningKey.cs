using System.Buffers.Text;
using System.Security.Cryptography;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.IdentityModel.Tokens;

namespace OkrConnect.Host.Security;

/// <summary>
/// The ES256 key pair embedded-mode tokens are signed with. Generated at first start, stored only as a Data Protection
/// ciphertext (purpose <see cref="Purpose"/>), so the database alone does not reveal it when the key ring is protected.
/// Several servers starting together may each create a key: all stored keys validate, the oldest signs.
/// </summary>
public sealed class EmbeddedSigningKey(ISigningKeyStore store, IDataProtectionProvider dataProtection, TimeProvider time, ILogger<EmbeddedSigningKey> logger) : IDisposable
{
    public const string Purpose = "OkrConnect.TokenSigningKey.v1";
    public const string Algorithm = SecurityAlgorithms.EcdsaSha256;

    // A token naming an unknown key id makes us re-read the store, at most this often.
    private static readonly TimeSpan ReloadInterval = TimeSpan.FromMinutes(1);

    private readonly SemaphoreSlim _gate = new(1, 1);
    private volatile IReadOnlyList<ECDsaSecurityKey>? _keys;
    private DateTimeOffset _loadedAt;

    private IDataProtector Protector => dataProtection.CreateProtector(Purpose);

    public SigningCredentials SigningCredentials => new(Keys[0], Algorithm);

    /// <summary>The keys tokens may be signed with; loaded (or created) on first use.</summary>
    public IReadOnlyList<ECDsaSecurityKey> Keys => _keys ?? LoadAsync(createIfMissing: true, CancellationToken.None).GetAwaiter().GetResult();

    /// <summary>Loads the keys, creating the first one when the store is empty. Called at start-up.</summary>
    public Task InitializeAsync(CancellationToken ct) => LoadAsync(createIfMissing: true, ct);

    /// <summary>Keys matching a token's <c>kid</c>, re-reading the store when another server has added one.</summary>
    public IEnumerable<SecurityKey> ResolveForValidation(string? kid)
    {
        var keys = Keys;
        if (kid is not null && keys.All(k => k.KeyId != kid) && time.GetUtcNow() - _loadedAt > ReloadInterval)
        {
            keys = LoadAsync(createIfMissing: false, CancellationToken.None).GetAwaiter().GetResult();
        }

        return keys;
    }

    private async Task<IReadOnlyList<ECDsaSecurityKey>> LoadAsync(bool createIfMissing, CancellationToken ct)
    {
        await _gate.WaitAsync(ct);
        try
        {
            var stored = await store.ReadAllAsync(ct);
            if (stored.Count == 0 && createIfMissing)
            {
                await store.AddAsync(CreateProtectedKey(), ct);
                logger.LogInformation("Created the token signing key ({Algorithm}); it is stored protected by Data Protection", Algorithm);
                stored = await store.ReadAllAsync(ct);
            }

            if (stored.Count == 0)
            {
                throw new InvalidOperationException("No token signing key is stored.");
            }

            _keys = stored.Select(Unprotect).ToArray();
            _loadedAt = time.GetUtcNow();
            return _keys;
        }
        finally
        {
            _gate.Release();
        }
    }

    private string CreateProtectedKey()
    {
        using var ecdsa = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var pkcs8 = ecdsa.ExportPkcs8PrivateKey();
        try
        {
            return Protector.Protect(Convert.ToBase64String(pkcs8));
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private ECDsaSecurityKey Unprotect(string protectedKey)
    {
        string plain;
        try
        {
            plain = Protector.Unprotect(protectedKey);
        }
        catch (CryptographicException e)
        {
            throw new InvalidOperationException(
                "The token signing key cannot be decrypted: the Data Protection key ring that protected it is missing, "
                + "or a different key-protection certificate is configured (DataProtection:CertificatePath).", e);
        }

        var ecdsa = ECDsa.Create();
        ecdsa.ImportPkcs8PrivateKey(Convert.FromBase64String(plain), out _);
        return new ECDsaSecurityKey(ecdsa) { KeyId = KeyIdOf(ecdsa) };
    }

    // The ECDsa instances are deliberately not disposed: IdentityModel caches signature providers process-wide by key
    // thumbprint, so a later host loading the same key would be handed the disposed instance.
    public void Dispose() => _gate.Dispose();

    /// <summary>A stable id derived from the public key, so every server names the same key the same way.</summary>
    private static string KeyIdOf(ECDsa ecdsa) =>
        Base64Url.EncodeToString(SHA256.HashData(ecdsa.ExportSubjectPublicKeyInfo()).AsSpan(0, 16));
}
