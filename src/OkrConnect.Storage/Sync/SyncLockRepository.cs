using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Sync;

/// <summary>
/// Leases taken with one atomic upsert: the row is inserted when free, or taken over only when it has expired, and
/// RETURNING tells whether we now own it. On PostgreSQL two racing upserts of the same name serialise on the row and
/// the second sees the first's unexpired lease; on SQLite the single writer does the same.
/// </summary>
public sealed class SyncLockRepository(DatabaseConnectionFactory connections) : ISyncLockRepository
{
    private const string AcquireSql = """
        INSERT INTO sync_locks (name, owner, acquired_at, expires_at)
        VALUES (@Name, @Owner, @Now, @ExpiresAt)
        ON CONFLICT (name) DO UPDATE SET
            owner = excluded.owner,
            acquired_at = excluded.acquired_at,
            expires_at = excluded.expires_at
        WHERE sync_locks.expires_at < excluded.acquired_at
        RETURNING owner
        """;

    private const string RenewSql = """
        UPDATE sync_locks SET expires_at = @ExpiresAt WHERE name = @Name AND owner = @Owner
        """;

    private const string ReleaseSql = """
        DELETE FROM sync_locks WHERE name = @Name AND owner = @Owner
        """;

    public async Task<bool> TryAcquireAsync(string name, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken ct = default)
    {
        var holder = await connections.QuerySingleOrDefaultAsync<string?>(
            AcquireSql, new { Name = name, Owner = owner, Now = now, ExpiresAt = now + ttl }, ct);
        return holder == owner;
    }

    public async Task<bool> RenewAsync(string name, string owner, DateTimeOffset now, TimeSpan ttl, CancellationToken ct = default)
    {
        var renewed = await connections.ExecuteAsync(
            RenewSql, new { Name = name, Owner = owner, ExpiresAt = now + ttl }, ct);
        return renewed == 1;
    }

    public async Task ReleaseAsync(string name, string owner, CancellationToken ct = default) =>
        await connections.ExecuteAsync(ReleaseSql, new { Name = name, Owner = owner }, ct);
}
