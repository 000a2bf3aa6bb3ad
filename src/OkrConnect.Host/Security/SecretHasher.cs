using System.Buffers.Text;
using System.Globalization;
using System.Security.Cryptography;

namespace OkrConnect.Host.Security;

/// <summary>
/// Salted PBKDF2 hashes of account secrets, stored as <c>pbkdf2-sha512$iterations$salt$hash</c> so the cost can be
/// raised later without invalidating stored hashes. Secrets themselves are never stored.
/// </summary>
public static class SecretHasher
{
    private const string Scheme = "pbkdf2-sha512";

    // OWASP's 2023 figure for PBKDF2-HMAC-SHA512.
    private const int Iterations = 210_000;
    private const int SaltBytes = 16;
    private const int HashBytes = 32;

    // Verified against when the subject is unknown, so a wrong subject costs as long as a wrong secret.
    private static readonly Lazy<string> DecoyHash = new(() => Hash(NewSecret()));

    public static string Hash(string secret)
    {
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var hash = Rfc2898DeriveBytes.Pbkdf2(secret, salt, Iterations, HashAlgorithmName.SHA512, HashBytes);
        return string.Join('$', Scheme, Iterations.ToString(CultureInfo.InvariantCulture), Convert.ToBase64String(salt), Convert.ToBase64String(hash));
    }

    public static bool Verify(string secret, string? storedHash)
    {
        var parts = (storedHash ?? DecoyHash.Value).Split('$');
        if (parts.Length != 4 || parts[0] != Scheme
            || !int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var iterations) || iterations < 1)
        {
            return false;
        }

        try
        {
            var salt = Convert.FromBase64String(parts[2]);
            var expected = Convert.FromBase64String(parts[3]);
            var actual = Rfc2898DeriveBytes.Pbkdf2(secret, salt, iterations, HashAlgorithmName.SHA512, expected.Length);
            return CryptographicOperations.FixedTimeEquals(actual, expected) && storedHash is not null;
        }
        catch (FormatException)
        {
            return false;
        }
    }

    /// <summary>A new random secret: 32 bytes, base64url, prefixed so scanners and people can recognise it.</summary>
    public static string NewSecret() => "okrc_" + Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));
}
