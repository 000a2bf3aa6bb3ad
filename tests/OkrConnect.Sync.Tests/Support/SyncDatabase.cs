using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using OkrConnect.Storage;
using OkrConnect.Storage.Sync;

namespace OkrConnect.Sync.Tests.Support;

/// <summary>
/// A migrated database with the storage and sync repositories and nothing else: SQLite in a temp folder, or a fresh
/// PostgreSQL schema when <c>OKRCONNECT_TEST_POSTGRES</c> is set (dropped on dispose).
/// </summary>
public sealed class SyncDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "OKRCONNECT_TEST_POSTGRES";

    private readonly string? directory;
    private readonly string? schema;

    private SyncDatabase(ServiceProvider services, string? directory, string? schema)
    {
        Services = services;
        this.directory = directory;
        this.schema = schema;
    }

    public ServiceProvider Services { get; }

    public static string? PostgresConnectionString => Environment.GetEnvironmentVariable(PostgresVariable) is { Length: > 0 } value ? value : null;

    public static async Task<SyncDatabase> CreateAsync(string engine)
    {
        var settings = new Dictionary<string, string?>();
        string? directory = null;
        string? schema = null;
        if (engine == "postgres")
        {
            schema = "okrc_sync_" + Guid.NewGuid().ToString("N")[..12];
            await using (var connection = new NpgsqlConnection(PostgresConnectionString))
            {
                await connection.OpenAsync();
                await using var command = connection.CreateCommand();
                command.CommandText = $"CREATE SCHEMA \"{schema}\"";
                await command.ExecuteNonQueryAsync();
            }

            settings["Storage:Provider"] = "postgres";
            settings["Storage:ConnectionString"] = new NpgsqlConnectionStringBuilder(PostgresConnectionString) { SearchPath = schema }.ConnectionString;
        }
        else
        {
            directory = Path.Combine(Path.GetTempPath(), "okrconnect-sync-tests", Guid.NewGuid().ToString("N"));
            settings["Storage:Provider"] = "sqlite";
            settings["Storage:DataDirectory"] = directory;
        }

        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        var services = new ServiceCollection()
            .AddLogging()
            .AddOkrConnectStorage(configuration)
            .AddOkrConnectSyncStorage()
            .BuildServiceProvider();
        await services.MigrateOkrConnectStorageAsync();
        return new SyncDatabase(services, directory, schema);
    }

    public T Get<T>()
        where T : notnull => Services.GetRequiredService<T>();

    public async ValueTask DisposeAsync()
    {
        await Services.DisposeAsync();
        if (schema is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(PostgresConnectionString);
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
            await command.ExecuteNonQueryAsync();
        }

        if (directory is not null)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}

/// <summary>Runs a storage test on SQLite always, and on PostgreSQL when <c>OKRCONNECT_TEST_POSTGRES</c> is set.</summary>
public static class Engines
{
    public static TheoryData<string> All()
    {
        var data = new TheoryData<string> { "sqlite" };
        if (SyncDatabase.PostgresConnectionString is not null)
        {
            data.Add("postgres");
        }

        return data;
    }
}
