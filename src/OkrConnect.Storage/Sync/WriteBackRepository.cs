using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Sync;

/// <summary>One row per link: the remote object the engine wrote and the hash of what it said.</summary>
public sealed class WriteBackRepository(DatabaseConnectionFactory connections) : IWriteBackRepository
{
    private const string ListSqlite = """
        SELECT link_id, remote_id, content_hash, written_at, last_error
        FROM write_backs
        WHERE link_id IN (SELECT value FROM json_each(@LinkIds))
        """;

    private const string ListPostgres = """
        SELECT link_id, remote_id, content_hash, written_at, last_error
        FROM write_backs
        WHERE link_id = ANY(@LinkIds)
        """;

    private const string SaveSql = """
        INSERT INTO write_backs (link_id, remote_id, content_hash, written_at, last_error)
        VALUES (@LinkId, @RemoteId, @ContentHash, @WrittenAt, @Note)
        ON CONFLICT (link_id) DO UPDATE SET
            remote_id = excluded.remote_id,
            content_hash = excluded.content_hash,
            written_at = excluded.written_at,
            last_error = excluded.last_error
        """;

    // Keeps the remote id (the comment still exists) and the hash: the next run compares and retries by itself.
    private const string RecordErrorSql = """
        INSERT INTO write_backs (link_id, remote_id, content_hash, written_at, last_error)
        VALUES (@LinkId, NULL, NULL, NULL, @Error)
        ON CONFLICT (link_id) DO UPDATE SET last_error = excluded.last_error
        """;

    private const string DeleteSql = "DELETE FROM write_backs WHERE link_id = @LinkId";

    public async Task<IReadOnlyDictionary<Guid, WriteBackState>> ListAsync(IReadOnlyCollection<Guid> linkIds, CancellationToken ct = default)
    {
        if (linkIds.Count == 0)
        {
            return new Dictionary<Guid, WriteBackState>();
        }

        var sql = connections.Dialect.Pick(sqlite: ListSqlite, postgres: ListPostgres);
        var rows = await connections.QueryAsync<WriteBackRow>(
            sql, new { LinkIds = connections.Dialect.IdList(linkIds.Distinct()) }, ct);
        return rows.ToDictionary(r => r.LinkId, r => new WriteBackState(r.LinkId, r.RemoteId, r.ContentHash, r.WrittenAt, r.LastError));
    }

    public async Task SaveAsync(Guid linkId, string? remoteId, string contentHash, DateTimeOffset writtenAt, string? note = null, CancellationToken ct = default)
    {
        await connections.ExecuteAsync(
            SaveSql, new { LinkId = linkId, RemoteId = remoteId, ContentHash = contentHash, WrittenAt = writtenAt, Note = note }, ct);
    }

    public async Task RecordErrorAsync(Guid linkId, string error, CancellationToken ct = default) =>
        await connections.ExecuteAsync(RecordErrorSql, new { LinkId = linkId, Error = error }, ct);

    public async Task DeleteAsync(Guid linkId, CancellationToken ct = default) =>
        await connections.ExecuteAsync(DeleteSql, new { LinkId = linkId }, ct);

    private sealed class WriteBackRow
    {
        public Guid LinkId { get; init; }
        public string? RemoteId { get; init; }
        public string? ContentHash { get; init; }
        public DateTimeOffset? WrittenAt { get; init; }
        public string? LastError { get; init; }
    }
}
