using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Authenticates as a GitHub App: signs a short-lived JWT with the app's private key, exchanges it for an installation
/// access token, and keeps that token until five minutes before it expires. The installation is the configured one, or
/// the one installed on the repository's owner (looked up once per owner).
/// https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/authenticating-as-a-github-app-installation
/// </summary>
internal sealed class GitHubAppTokenSource(long appId, string privateKeyPem, long? installationId, TimeProvider time) : IDisposable
{
    /// <summary>Refresh this long before expiry so a token never expires in the middle of a fetch.</summary>
    public static readonly TimeSpan RefreshMargin = TimeSpan.FromMinutes(5);

    private readonly RSA _key = ImportKey(privateKeyPem);
    private readonly ConcurrentDictionary<string, long> _installationByOwner = new(StringComparer.OrdinalIgnoreCase);
    private readonly ConcurrentDictionary<long, InstallationTokenPayload> _tokens = new();
    private readonly SemaphoreSlim _minting = new(1, 1);

    public long AppId => appId;

    /// <summary>
    /// A JWT for the app: RS256, issued 60 s in the past against clock drift, expiring in 9 minutes (GitHub allows 10).
    /// https://docs.github.com/en/apps/creating-github-apps/authenticating-with-a-github-app/generating-a-json-web-token-jwt-for-a-github-app
    /// </summary>
    public string CreateJwt()
    {
        var now = time.GetUtcNow().ToUnixTimeSeconds();
        var header = Base64Url("""{"alg":"RS256","typ":"JWT"}"""u8);
        var payload = Base64Url(JsonSerializer.SerializeToUtf8Bytes(new Dictionary<string, object>
        {
            ["iat"] = now - 60,
            ["exp"] = now + (9 * 60),
            ["iss"] = appId.ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        var signature = _key.SignData(Encoding.ASCII.GetBytes($"{header}.{payload}"), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return $"{header}.{payload}.{Base64Url(signature)}";
    }

    /// <summary>The installation to act as for a repository: the configured one, else the one on its owner.</summary>
    public async Task<long> InstallationForAsync(RepositoryRef repository, Func<Task<InstallationPayload>> lookUp)
    {
        if (installationId is { } configured)
        {
            return configured;
        }

        if (_installationByOwner.TryGetValue(repository.Owner, out var known))
        {
            return known;
        }

        var installation = await lookUp();
        _installationByOwner[repository.Owner] = installation.Id;
        return installation.Id;
    }

    public void ForgetInstallationOf(RepositoryRef repository) => _installationByOwner.TryRemove(repository.Owner, out _);

    /// <summary>A valid installation token, minted (through <paramref name="mint"/>) only when missing or about to expire.</summary>
    public async Task<string> TokenAsync(long installation, Func<Task<InstallationTokenPayload>> mint, CancellationToken ct)
    {
        if (Fresh(installation) is { } token)
        {
            return token;
        }

        // One mint at a time, so parallel targets do not each ask for a token.
        await _minting.WaitAsync(ct);
        try
        {
            if (Fresh(installation) is { } minted)
            {
                return minted;
            }

            var created = await mint();
            _tokens[installation] = created;
            return created.Token;
        }
        finally
        {
            _minting.Release();
        }
    }

    public void Dispose()
    {
        _key.Dispose();
        _minting.Dispose();
    }

    private string? Fresh(long installation) =>
        _tokens.TryGetValue(installation, out var token) && token.ExpiresAt - RefreshMargin > time.GetUtcNow() ? token.Token : null;

    private static RSA ImportKey(string pem)
    {
        var rsa = RSA.Create();
        rsa.ImportFromPem(pem);
        return rsa;
    }

    private static string Base64Url(ReadOnlySpan<byte> bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
