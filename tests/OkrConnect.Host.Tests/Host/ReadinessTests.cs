using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using OkrConnect.Host.Tests.Infrastructure;
using OkrConnect.Storage;
using OkrConnect.Storage.Migrations;

namespace OkrConnect.Host.Tests.Host;

public sealed class ReadinessTests
{
    [Fact]
    public async Task Readyz_is_503_with_a_reason_when_migrations_are_pending()
    {
        await using var factory = OkrConnectFactory.Create(new());
        var client = factory.CreateAnonymousClient();
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/readyz")).StatusCode);

        // Forget the applied scripts: the database now looks like one an older release left behind.
        await using (var connection = new SqliteConnection($"Data Source={Path.Combine(factory.DataDirectory, StorageOptions.SqliteFileName)}"))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DELETE FROM {DatabaseMigrator.JournalTable}";
            await command.ExecuteNonQueryAsync();
        }

        var response = await client.GetAsync("/readyz");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        var body = JsonSerializer.Deserialize<JsonElement>(await response.Content.ReadAsStringAsync());
        Assert.Equal("Unhealthy", body.GetProperty("status").GetString());
        Assert.Contains("pending", body.GetProperty("checks")[0].GetProperty("reason").GetString(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/healthz")).StatusCode);
    }
}
