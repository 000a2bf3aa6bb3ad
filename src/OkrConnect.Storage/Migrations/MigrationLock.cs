using System.Data.Common;
using Dapper;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Migrations;

/// <summary>
/// Servers sharing one PostgreSQL database may start together: one migrates while the others wait, then find
/// nothing to do. One advisory lock per schema, so separate installations (or test schemas) never wait on each
/// other. SQLite needs none: one server owns the file.
/// </summary>
internal sealed class MigrationLock : IAsyncDisposable
{
    private const string LockSql = """
        SELECT pg_advisory_lock(hashtextextended('okrconnect.migrations:' || current_schema(), 0))
        """;

    private const string UnlockSql = """
        SELECT pg_advisory_unlock(hashtextextended('okrconnect.migrations:' || current_schema(), 0))
        """;

    private readonly DbConnection? connection;

    private MigrationLock(DbConnection? connection) => this.connection = connection;

    public static async Task<MigrationLock> AcquireAsync(DatabaseConnectionFactory connections, CancellationToken ct)
    {
        if (connections.Dialect != SqlDialect.Postgres)
        {
            return new MigrationLock(null);
        }

        var connection = await connections.OpenAsync(ct);
        try
        {
            await connection.ExecuteScalarAsync(new CommandDefinition(LockSql, cancellationToken: ct));
            return new MigrationLock(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (connection is null)
        {
            return;
        }

        // Unlock explicitly: a pooled connection stays open, and with it a session-level lock.
        try
        {
            await connection.ExecuteScalarAsync(UnlockSql);
        }
        finally
        {
            await connection.DisposeAsync();
        }
    }
}
