using Npgsql;

namespace OkrConnect.Benchmarks.Scenarios;

/// <summary>
/// A PostgreSQL database of the benchmark's own: a fresh database when the role may create one (or the one
/// OKRCONNECT_BENCH_POSTGRES names, which bench/quick.sh creates), else a fresh schema in the given database. Hangfire
/// always uses the schema "hangfire", so only an own database keeps its jobs apart from anything else on the server.
/// </summary>
public sealed class BenchPostgres : IAsyncDisposable
{
    private readonly string _admin;
    private readonly string? _createdDatabase;
    private readonly string _schema;

    private BenchPostgres(string admin, string connectionString, string? createdDatabase, string schema, bool sharedHangfire)
    {
        _admin = admin;
        ConnectionString = connectionString;
        _createdDatabase = createdDatabase;
        _schema = schema;
        SharedHangfire = sharedHangfire;
    }

    /// <summary>The application's connection string (search path on a fresh schema).</summary>
    public string ConnectionString { get; }

    /// <summary>Same database, without the search path: Hangfire's tables are in schema "hangfire".</summary>
    public string HangfireConnectionString => new NpgsqlConnectionStringBuilder(ConnectionString) { SearchPath = null }.ConnectionString;

    /// <summary>True when the "hangfire" schema may hold other installations' jobs (no database of our own).</summary>
    public bool SharedHangfire { get; }

    public string Description => _createdDatabase is not null
        ? $"database {_createdDatabase} (created for this run)"
        : $"database {new NpgsqlConnectionStringBuilder(ConnectionString).Database}, schema {_schema}" + (SharedHangfire ? " (Hangfire schema shared)" : "");

    public static string? ConfiguredConnectionString =>
        Environment.GetEnvironmentVariable("OKRCONNECT_BENCH_POSTGRES") is { Length: > 0 } own ? own : Environment.GetEnvironmentVariable("OKRCONNECT_TEST_POSTGRES") is { Length: > 0 } test ? test : null;

    public static async Task<BenchPostgres?> CreateAsync(TextWriter log, CancellationToken ct)
    {
        var ownDatabase = Environment.GetEnvironmentVariable("OKRCONNECT_BENCH_POSTGRES") is { Length: > 0 };
        if (ConfiguredConnectionString is not { } given)
        {
            return null;
        }

        var schema = "okrc_bench_" + Guid.NewGuid().ToString("N")[..10];
        string? created = null;
        var target = given;
        if (!ownDatabase)
        {
            var name = $"okrconnect_bench_{Environment.ProcessId}_{Guid.NewGuid().ToString("N")[..6]}";
            try
            {
                await ExecuteAsync(given, $"CREATE DATABASE \"{name}\"", ct);
                created = name;
                ownDatabase = true;
                target = new NpgsqlConnectionStringBuilder(given) { Database = name }.ConnectionString;
            }
            catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
            {
                log.WriteLine("  the role may not create databases: using a fresh schema in the given database; Hangfire's schema is shared");
            }
        }

        if (ownDatabase && created is null)
        {
            // Our own database from an earlier run: start Hangfire from nothing.
            await ExecuteAsync(target, "DROP SCHEMA IF EXISTS hangfire CASCADE", ct);
        }

        await ExecuteAsync(target, $"CREATE SCHEMA \"{schema}\"", ct);
        var app = new NpgsqlConnectionStringBuilder(target) { SearchPath = schema }.ConnectionString;
        return new BenchPostgres(given, app, created, schema, sharedHangfire: !ownDatabase);
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            if (_createdDatabase is not null)
            {
                await ExecuteAsync(_admin, $"DROP DATABASE IF EXISTS \"{_createdDatabase}\" WITH (FORCE)", CancellationToken.None);
            }
            else
            {
                await ExecuteAsync(HangfireConnectionString, $"DROP SCHEMA IF EXISTS \"{_schema}\" CASCADE", CancellationToken.None);
            }
        }
        catch (NpgsqlException)
        {
            // Best effort: a leftover schema or database is harmless and named okrc_bench_*/okrconnect_bench_*.
        }
    }

    private static async Task ExecuteAsync(string connectionString, string sql, CancellationToken ct)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
