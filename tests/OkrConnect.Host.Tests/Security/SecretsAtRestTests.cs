using System.Net;
using System.Security.Cryptography;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;
using OkrConnect.Host.Security.DataProtection;
using OkrConnect.Host.Tests.Infrastructure;
using OkrConnect.Storage;

namespace OkrConnect.Host.Tests.Security;

public sealed class SecretsAtRestTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public void The_signing_key_is_stored_only_encrypted()
    {
        var key = factory.Services.GetRequiredService<EmbeddedSigningKey>().Keys[0].ECDsa;
        var privateScalar = Convert.ToBase64String(key.ExportParameters(includePrivateParameters: true).D!);
        var pkcs8 = Convert.ToBase64String(key.ExportPkcs8PrivateKey());

        var rows = ReadDataProtectionRows();

        var signingKeyRows = rows.Where(xml => xml.Contains("tokenSigningKey", StringComparison.Ordinal)).ToArray();
        Assert.Single(signingKeyRows);
        Assert.All(rows, xml => Assert.DoesNotContain(pkcs8, xml, StringComparison.Ordinal));
        Assert.All(rows, xml => Assert.DoesNotContain(privateScalar, xml, StringComparison.Ordinal));
        Assert.Contains(rows, xml => xml.StartsWith("<key ", StringComparison.Ordinal)); // the Data Protection key ring is in the database too
        Assert.DoesNotContain(pkcs8, factory.Logs.AllText, StringComparison.Ordinal);
    }

    [Fact]
    public void The_database_file_holds_no_plaintext_key_material()
    {
        var key = factory.Services.GetRequiredService<EmbeddedSigningKey>().Keys[0].ECDsa;
        var pkcs8 = key.ExportPkcs8PrivateKey();
        var pkcs8Base64 = System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(pkcs8));

        // The write-ahead log holds recent writes until a checkpoint, so look at it as well.
        foreach (var file in Directory.GetFiles(factory.DataDirectory, StorageOptions.SqliteFileName + "*"))
        {
            var bytes = File.ReadAllBytes(file);
            Assert.Equal(-1, bytes.AsSpan().IndexOf(pkcs8));
            Assert.Equal(-1, bytes.AsSpan().IndexOf(pkcs8Base64));
        }
    }

    [Fact]
    public void SecretProtector_round_trips_and_isolates_purposes()
    {
        var protector = factory.Services.GetRequiredService<SecretProtector>();

        var ciphertext = protector.Protect(SecretProtector.ConnectorSecrets, "jira-api-token");

        Assert.DoesNotContain("jira-api-token", ciphertext, StringComparison.Ordinal);
        Assert.Equal("jira-api-token", protector.Unprotect(SecretProtector.ConnectorSecrets, ciphertext));
        Assert.ThrowsAny<CryptographicException>(() => protector.Unprotect(SecretProtector.WebhookSecrets, ciphertext));
    }

    [Fact]
    public async Task After_a_restart_old_ciphertexts_and_tokens_still_work()
    {
        var directory = OkrConnectFactory.CreateTempDirectory();
        try
        {
            string ciphertext, token;
            await using (var first = OkrConnectFactory.Create(new() { DataDirectory = directory }))
            {
                ciphertext = first.Services.GetRequiredService<SecretProtector>().Protect(SecretProtector.WebhookSecrets, "hook-secret");
                token = first.CreateToken(Role.Viewer);
            }

            await using var second = OkrConnectFactory.Create(new() { DataDirectory = directory });
            Assert.Equal("hook-secret", second.Services.GetRequiredService<SecretProtector>().Unprotect(SecretProtector.WebhookSecrets, ciphertext));
            Assert.Equal(HttpStatusCode.OK, (await second.CreateClientWithToken(token).GetAsync("/api/me")).StatusCode);
        }
        finally
        {
            OkrConnectFactory.TryDeleteDirectory(directory);
        }
    }

    private List<string> ReadDataProtectionRows()
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
