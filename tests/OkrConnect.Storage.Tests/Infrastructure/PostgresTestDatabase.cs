using Npgsql;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>
/// A fresh schema in the server named by <c>OKRCONNECT_TEST_POSTGRES</c>, used through the connection string's
/// search path and dropped afterwards, so parallel tests and runs never see each other's rows.
/// </summary>
public sealed class PostgresTestDatabase : ITestDatabase
{
    public const string EnvironmentVariable = "OKRCONNECT_TEST_POSTGRES";

    private readonly string schema = "test_" + Guid.NewGuid().ToString("N");

    public static string? ServerConnectionString =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } value ? value : null;

    public static string? SkipReason => ServerConnectionString is null
        ? $"PostgreSQL tests need {EnvironmentVariable} (see .ci/start-postgres.sh)."
        : null;

    public async Task<IReadOnlyDictionary<string, string?>> CreateAsync()
    {
        await ExecuteOnServerAsync($"CREATE SCHEMA \"{schema}\"");
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { SearchPath = schema }.ConnectionString;
        return new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = connectionString,
        };
    }

    public async ValueTask DisposeAsync() => await ExecuteOnServerAsync($"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE");

    private static async Task ExecuteOnServerAsync(string sql)
    {
        // No pooling: one short admin connection per test must not pile up idle server connections.
        var connectionString = new NpgsqlConnectionStringBuilder(ServerConnectionString) { Pooling = false }.ConnectionString;
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
