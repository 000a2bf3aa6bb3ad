using System.Collections.Concurrent;
using System.Data;
using System.Data.Common;
using Dapper;
using Microsoft.Data.Sqlite;
using Npgsql;
using OkrConnect.Core.Domain;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Connections;

/// <summary>
/// Opens one connection per operation for the configured engine (both drivers pool underneath) and starts
/// write transactions that stay correct when several writers race.
/// </summary>
public sealed class DatabaseConnectionFactory : IAsyncDisposable, IDisposable
{
    /// <summary>How long a SQLite writer waits for another writer's lock before failing.</summary>
    public static readonly TimeSpan SqliteBusyTimeout = TimeSpan.FromSeconds(5);

    // One per SQLite database file, shared by every factory of this process that opens it (see InWriteTransactionAsync).
    private static readonly ConcurrentDictionary<string, SemaphoreSlim> SqliteWriteGates = new(StringComparer.Ordinal);

    private readonly NpgsqlDataSource? postgres;
    private readonly SemaphoreSlim? writeGate;

    public DatabaseConnectionFactory(StorageOptions options)
    {
        StorageOptionsValidator.ThrowIfInvalid(options);
        ColumnTypeHandlers.Register();

        if (options.Provider == StorageProvider.Postgres)
        {
            Dialect = SqlDialect.Postgres;
            ConnectionString = PostgresPoolSize.WithDefault(options.ConnectionString!, PostgresPoolSize.ApplicationDefault);
            postgres = NpgsqlDataSource.Create(ConnectionString);
        }
        else
        {
            Dialect = SqlDialect.Sqlite;
            ConnectionString = BuildSqliteConnectionString(options);
            writeGate = SqliteWriteGates.GetOrAdd(new SqliteConnectionStringBuilder(ConnectionString).DataSource, _ => new SemaphoreSlim(1, 1));
        }
    }

    public SqlDialect Dialect { get; }

    /// <summary>For the migrator, which opens its own connections.</summary>
    internal string ConnectionString { get; }

    internal NpgsqlDataSource? PostgresDataSource => postgres;

    public async Task<DbConnection> OpenAsync(CancellationToken ct = default)
    {
        if (postgres is not null)
        {
            return await postgres.OpenConnectionAsync(ct);
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            await connection.OpenAsync(ct);
            await using var command = connection.CreateCommand();
            command.CommandText = BusyTimeoutPragma;
            await command.ExecuteNonQueryAsync(ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    /// <summary>Synchronous open, for callers behind synchronous interfaces (the data protection key ring).</summary>
    public DbConnection Open()
    {
        if (postgres is not null)
        {
            return postgres.OpenConnection();
        }

        var connection = new SqliteConnection(ConnectionString);
        try
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = BusyTimeoutPragma;
            command.ExecuteNonQuery();
            return connection;
        }
        catch
        {
            connection.Dispose();
            throw;
        }
    }

    /// <summary>
    /// Runs <paramref name="work"/> in a write transaction and commits it. On SQLite the transaction is
    /// <c>BEGIN IMMEDIATE</c>: it takes the write lock up front, so two read-then-write transactions queue on the
    /// busy timeout instead of both reading and then failing to upgrade (SQLITE_BUSY). PostgreSQL uses its default
    /// READ COMMITTED; the work must lock what it reads (e.g. <c>FOR NO KEY UPDATE</c>).
    /// <para>
    /// On SQLite the writers of this process also queue, first come first served, before they begin: SQLite itself
    /// has no queue, a writer that finds the lock taken sleeps and retries (busy timeout), and one that keeps writing
    /// short transactions back to back (a sync storing thousands of targets) would win nearly every retry, leaving e.g.
    /// a webhook acknowledgement waiting for the whole run. Queued, it waits for one transaction at most. The work must
    /// not start another write transaction of its own.
    /// </para>
    /// </summary>
    public async Task<T> InWriteTransactionAsync<T>(
        Func<DbConnection, DbTransaction, Task<T>> work, CancellationToken ct = default)
    {
        if (writeGate is not null)
        {
            await writeGate.WaitAsync(ct);
        }

        try
        {
            await using var connection = await OpenAsync(ct);
            await using var transaction = connection is SqliteConnection sqlite
                ? sqlite.BeginTransaction(IsolationLevel.Serializable, deferred: false)
                : await connection.BeginTransactionAsync(ct);

            var result = await work(connection, transaction);
            await transaction.CommitAsync(ct);
            return result;
        }
        finally
        {
            writeGate?.Release();
        }
    }

    /// <summary>Runs one statement on its own connection; returns the number of rows it affected.</summary>
    internal async Task<int> ExecuteAsync(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    /// <summary>Runs one query on its own connection and returns the first column of its first row.</summary>
    internal async Task<T> ExecuteScalarAsync<T>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return (await connection.ExecuteScalarAsync<T>(new CommandDefinition(sql, parameters, cancellationToken: ct)))!;
    }

    /// <summary>Runs one query on its own connection; the single row, or default when there is none.</summary>
    internal async Task<TRow?> QuerySingleOrDefaultAsync<TRow>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        return await connection.QuerySingleOrDefaultAsync<TRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
    }

    /// <summary>Runs one query on its own connection and reads all its rows before the connection closes.</summary>
    internal async Task<IReadOnlyList<TRow>> QueryAsync<TRow>(string sql, object? parameters, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        var rows = await connection.QueryAsync<TRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
        return rows.AsList();
    }

    /// <summary><see cref="QueryAsync{TRow}"/>, each row mapped to its domain value.</summary>
    internal async Task<IReadOnlyList<T>> QueryAsync<TRow, T>(string sql, object? parameters, Func<TRow, T> map, CancellationToken ct)
    {
        var rows = await QueryAsync<TRow>(sql, parameters, ct);
        return rows.Select(map).ToList();
    }

    /// <summary>
    /// Runs a "count, then one page" SQL pair on one connection in one round trip. The SQL must select
    /// <c>COUNT(*)</c> first and then the rows with <c>LIMIT @Limit OFFSET @Offset</c> under an ORDER BY that ends in
    /// a unique key, so pages are stable.
    /// </summary>
    internal async Task<Page<T>> PageAsync<TRow, T>(
        string sql, object parameters, int offset, int limit, Func<TRow, T> map, CancellationToken ct)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(offset);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);

        var arguments = new DynamicParameters(parameters);
        arguments.Add("Offset", offset);
        arguments.Add("Limit", limit);

        await using var connection = await OpenAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(sql, arguments, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<TRow>();
        return new Page<T>(rows.Select(map).ToList(), offset, limit, total);
    }

    public async ValueTask DisposeAsync()
    {
        if (postgres is not null)
        {
            await postgres.DisposeAsync();
        }
    }

    public void Dispose() => postgres?.Dispose();

    private static readonly string BusyTimeoutPragma =
        $"PRAGMA busy_timeout = {(int)SqliteBusyTimeout.TotalMilliseconds};";

    private static string BuildSqliteConnectionString(StorageOptions options)
    {
        var builder = string.IsNullOrWhiteSpace(options.ConnectionString)
            ? new SqliteConnectionStringBuilder { DataSource = SqliteFilePath(options.DataDirectory) }
            : new SqliteConnectionStringBuilder(options.ConnectionString);

        builder.Mode = SqliteOpenMode.ReadWriteCreate;
        builder.ForeignKeys = true;
        builder.Pooling = true;
        // Microsoft.Data.Sqlite retries a busy command until this many seconds pass; the pragma on open covers
        // the lock waits that happen inside SQLite itself (BEGIN IMMEDIATE).
        builder.DefaultTimeout = (int)SqliteBusyTimeout.TotalSeconds;
        return builder.ToString();
    }

    private static string SqliteFilePath(string dataDirectory)
    {
        var directory = Path.GetFullPath(dataDirectory);
        Directory.CreateDirectory(directory);
        return Path.Combine(directory, StorageOptions.SqliteFileName);
    }
}
