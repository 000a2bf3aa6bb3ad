using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Migrations;

namespace OkrConnect.Storage.Tests.Migrations;

public sealed class MigrationStatusTests
{
    [Fact]
    public async Task An_unreachable_server_is_reported_not_thrown()
    {
        var options = new StorageOptions
        {
            Provider = StorageProvider.Postgres,
            // Port 1 refuses at once; nothing listens there.
            ConnectionString = "Host=127.0.0.1;Port=1;Database=none;Username=none;Password=none;Timeout=3",
        };
        await using var connections = new DatabaseConnectionFactory(options);

        var status = await new DatabaseMigrator(connections).GetStatusAsync();

        Assert.False(status.Reachable);
        Assert.False(status.IsReady);
        Assert.NotNull(status.Error);
    }
}
