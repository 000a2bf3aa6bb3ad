using System.Text.Json.Nodes;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OkrConnect.Benchmarks.Hosting;

/// <summary>
/// Reads Hangfire's own storage (read-only queries): how many jobs exist, and which servers processed them. The
/// embedded default keeps it in hangfire.db beside the application database; PostgreSQL in the "hangfire" schema.
/// </summary>
public sealed class HangfireJobs(string? sqliteFile, string? postgres)
{
    public static HangfireJobs Sqlite(string dataDirectory) => new(Path.Combine(dataDirectory, "hangfire.db"), null);

    public static HangfireJobs Postgres(string connectionString) => new(null, connectionString);

    public async Task<long> CountAsync(CancellationToken ct)
    {
        if (postgres is not null)
        {
            await using var connection = new NpgsqlConnection(postgres);
            await connection.OpenAsync(ct);
            await using var command = new NpgsqlCommand("SELECT COUNT(*) FROM hangfire.job", connection);
            return Convert.ToInt64(await command.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
        }

        if (sqliteFile is null || !File.Exists(sqliteFile))
        {
            return 0;
        }

        await using var sqlite = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = sqliteFile, Mode = SqliteOpenMode.ReadOnly, DefaultTimeout = 30 }.ToString());
        await sqlite.OpenAsync(ct);
        var table = await JobTableAsync(sqlite, ct);
        if (table is null)
        {
            return 0;
        }

        await using var count = sqlite.CreateCommand();
        count.CommandText = $"SELECT COUNT(*) FROM \"{table}\"";
        return Convert.ToInt64(await count.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>PostgreSQL only: how many jobs each server (host:pid) took into processing.</summary>
    public async Task<IReadOnlyDictionary<string, int>> ProcessedByServerAsync(CancellationToken ct)
    {
        var byServer = new Dictionary<string, int>(StringComparer.Ordinal);
        if (postgres is null)
        {
            return byServer;
        }

        await using var connection = new NpgsqlConnection(postgres);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand("SELECT data FROM hangfire.state WHERE name = 'Processing'", connection);
        await using var reader = await command.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var data = JsonNode.Parse(reader.GetString(0));
            var server = data?["ServerId"]?.GetValue<string>() ?? "unknown";
            // "hostname:pid:guid" — the pid tells the two processes apart.
            var parts = server.Split(':');
            var key = parts.Length >= 2 ? $"pid {parts[1]}" : server;
            byServer[key] = byServer.GetValueOrDefault(key) + 1;
        }

        return byServer;
    }

    private static async Task<string?> JobTableAsync(SqliteConnection sqlite, CancellationToken ct)
    {
        await using var tables = sqlite.CreateCommand();
        tables.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table'";
        var names = new List<string>();
        await using (var reader = await tables.ExecuteReaderAsync(ct))
        {
            while (await reader.ReadAsync(ct))
            {
                names.Add(reader.GetString(0));
            }
        }

        return names.FirstOrDefault(n => n.Equals("Job", StringComparison.OrdinalIgnoreCase))
            ?? names.FirstOrDefault(n => n.EndsWith("Job", StringComparison.OrdinalIgnoreCase));
    }
}
