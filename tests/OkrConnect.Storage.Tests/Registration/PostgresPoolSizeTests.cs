using Npgsql;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Tests.Registration;

public sealed class PostgresPoolSizeTests
{
    [Fact]
    public void A_connection_string_without_a_pool_size_gets_the_default_cap()
    {
        var result = new NpgsqlConnectionStringBuilder(PostgresPoolSize.WithDefault("Host=db;Database=okr;Username=u", 30));

        Assert.Equal(30, result.MaxPoolSize);
        Assert.Equal("db", result.Host);
        Assert.Equal("okr", result.Database);
    }

    [Theory]
    [InlineData("Host=db;Maximum Pool Size=80")]
    [InlineData("Host=db;maxpoolsize=80")]
    public void An_explicit_pool_size_wins(string connectionString) =>
        Assert.Equal(80, new NpgsqlConnectionStringBuilder(PostgresPoolSize.WithDefault(connectionString, 30)).MaxPoolSize);
}
