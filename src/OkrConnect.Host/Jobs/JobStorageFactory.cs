using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.PostgreSql.Factories;
using Hangfire.Storage.SQLite;
using Microsoft.Data.Sqlite;
using OkrConnect.Storage;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Host.Jobs;

/// <summary>Hangfire's storage for the configured engine: <c>hangfire.db</c> in the data directory, or schema <c>hangfire</c> in PostgreSQL.</summary>
internal static class JobStorageFactory
{
    public static JobStorage Create(StorageOptions storage, JobsOptions jobs) => storage.Provider switch
    {
        StorageProvider.Postgres => CreatePostgres(storage.ConnectionString!, jobs),
        _ => new SQLiteStorage(SqliteFilePath(storage), new SQLiteStorageOptions { QueuePollInterval = jobs.PollInterval }),
    };

    /// <summary>Next to the application's SQLite file: in the data directory, or beside the file a connection string names.</summary>
    public static string SqliteFilePath(StorageOptions storage)
    {
        var directory = storage.DataDirectory;
        if (!string.IsNullOrWhiteSpace(storage.ConnectionString))
        {
            var dataSource = new SqliteConnectionStringBuilder(storage.ConnectionString).DataSource;
            if (!string.IsNullOrWhiteSpace(dataSource) && dataSource != ":memory:")
            {
                directory = Path.GetDirectoryName(Path.GetFullPath(dataSource)) ?? directory;
            }
        }

        directory = Path.GetFullPath(directory);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, JobsOptions.SqliteFileName);
    }

    private static PostgreSqlStorage CreatePostgres(string connectionString, JobsOptions jobs)
    {
        var options = new PostgreSqlStorageOptions
        {
            SchemaName = JobsOptions.PostgresSchema,
            PrepareSchemaIfNecessary = true,
            QueuePollInterval = jobs.PollInterval,
        };
        var pooled = PostgresPoolSize.WithDefault(connectionString, PostgresPoolSize.JobsDefault);
        return new PostgreSqlStorage(new NpgsqlConnectionFactory(pooled, options, null), options);
    }
}
