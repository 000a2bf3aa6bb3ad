using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OkrConnect.Host.Security.DataProtection;
using OkrConnect.Host.Tests.Infrastructure;
using OkrConnect.Storage;

namespace OkrConnect.Host.Tests.Security;

/// <summary>With DataProtection:CertificatePath the key ring is encrypted in the database; without it, a warning says it is not.</summary>
public sealed class KeyProtectionTests
{
    [Fact]
    public async Task Without_a_certificate_the_start_warns_that_keys_are_unencrypted_at_rest()
    {
        await using var factory = OkrConnectFactory.Create(new());
        _ = factory.Services;

        Assert.Contains(factory.Logs.Entries, e => e.Level == LogLevel.Warning && e.Message.Contains("unencrypted at rest", StringComparison.Ordinal));
        Assert.DoesNotContain(ReadKeyRing(factory), xml => xml.Contains("EncryptedData", StringComparison.Ordinal));
    }

    [Fact]
    public async Task With_a_certificate_the_key_ring_is_encrypted_and_still_works()
    {
        var directory = OkrConnectFactory.CreateTempDirectory();
        var certificatePath = Path.Combine(directory, "keys.pfx");
        await File.WriteAllBytesAsync(certificatePath, SelfSignedPfx("pfx-password"));
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:CertificatePath"] = certificatePath,
            ["DataProtection:CertificatePassword"] = "pfx-password",
        };
        try
        {
            string ciphertext;
            await using (var first = OkrConnectFactory.Create(new() { DataDirectory = directory, Settings = settings }))
            {
                ciphertext = first.Services.GetRequiredService<SecretProtector>().Protect(SecretProtector.ConnectorSecrets, "token");
                Assert.DoesNotContain(first.Logs.Entries, e => e.Message.Contains("unencrypted at rest", StringComparison.Ordinal));
                var keys = ReadKeyRing(first).Where(xml => xml.StartsWith("<key ", StringComparison.Ordinal)).ToArray();
                Assert.NotEmpty(keys);
                Assert.All(keys, xml => Assert.Contains("EncryptedData", xml, StringComparison.Ordinal));
            }

            await using var second = OkrConnectFactory.Create(new() { DataDirectory = directory, Settings = settings });
            Assert.Equal("token", second.Services.GetRequiredService<SecretProtector>().Unprotect(SecretProtector.ConnectorSecrets, ciphertext));
        }
        finally
        {
            OkrConnectFactory.TryDeleteDirectory(directory);
        }
    }

    private static byte[] SelfSignedPfx(string password)
    {
        using var rsa = RSA.Create(2048);
        var request = new CertificateRequest("CN=OkrConnect test key protection", rsa, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddDays(-1), DateTimeOffset.UtcNow.AddYears(1));
        return certificate.Export(X509ContentType.Pkcs12, password);
    }

    private static List<string> ReadKeyRing(OkrConnectFactory factory)
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, StorageOptions.SqliteFileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT xml FROM data_protection_keys";
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
