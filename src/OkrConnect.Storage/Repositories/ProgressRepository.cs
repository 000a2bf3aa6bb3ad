using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Repositories;

/// <summary>
/// Link progress is one row per link, replaced on every sync. Key result history is append-only and grows only
/// when the value or breakdown changes; the check and the append happen under one lock per key result, so two
/// concurrent writers of the same change append it once.
/// </summary>
public sealed class ProgressRepository(DatabaseConnectionFactory connections) : IProgressRepository
{
    private const string UpsertLinkProgressSql = """
        INSERT INTO link_progress (link_id, value, breakdown_json, computed_at, last_synced_at, stale, last_error)
        VALUES (@LinkId, @Value, @BreakdownJson, @ComputedAt, @LastSyncedAt, @Stale, @LastError)
        ON CONFLICT (link_id) DO UPDATE SET
            value = excluded.value,
            breakdown_json = excluded.breakdown_json,
            computed_at = excluded.computed_at,
            last_synced_at = excluded.last_synced_at,
            stale = excluded.stale,
            last_error = excluded.last_error
        """;

    // The same query on both engines except for how the list of ids arrives (see SqlDialect.IdList).
    private const string ListLinkProgressSqlite = """
        SELECT link_id, value, breakdown_json, computed_at, last_synced_at, stale, last_error
        FROM link_progress
        WHERE link_id IN (SELECT value FROM json_each(@LinkIds))
        ORDER BY link_id
        """;

    private const string ListLinkProgressPostgres = """
        SELECT link_id, value, breakdown_json, computed_at, last_synced_at, stale, last_error
        FROM link_progress
        WHERE link_id = ANY(@LinkIds)
        ORDER BY link_id
        """;

    // Serialises the writers of one key result's history for the rest of the transaction. On SQLite the
    // transaction is BEGIN IMMEDIATE, which already holds the database's only write lock, so a plain read will do.
    // Either way no row means the key result is gone.
    private const string LockKeyResultSqlite = """
        SELECT id FROM key_results WHERE id = @KeyResultId
        """;

    private const string LockKeyResultPostgres = """
        SELECT id FROM key_results WHERE id = @KeyResultId FOR NO KEY UPDATE
        """;

    private const string LatestHistorySql = """
        SELECT value, breakdown_json
        FROM progress_history
        WHERE key_result_id = @KeyResultId
        ORDER BY recorded_at DESC, id DESC
        LIMIT 1
        """;

    private const string AppendHistorySql = """
        INSERT INTO progress_history (key_result_id, value, breakdown_json, source, recorded_at)
        VALUES (@KeyResultId, @Value, @BreakdownJson, @Source, @RecordedAt)
        """;

    private const string ListHistorySql = """
        SELECT key_result_id, value, breakdown_json, source, recorded_at
        FROM progress_history
        WHERE key_result_id = @KeyResultId
        ORDER BY recorded_at, id
        """;

    private const string ListHistorySinceSql = """
        SELECT key_result_id, value, breakdown_json, source, recorded_at
        FROM progress_history
        WHERE key_result_id = @KeyResultId AND recorded_at >= @Since
        ORDER BY recorded_at, id
        """;

    public async Task UpsertLinkProgressAsync(LinkProgressRecord record, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpsertLinkProgressSql, record, ct);

    public async Task<IReadOnlyList<LinkProgressRecord>> ListLinkProgressAsync(IReadOnlyCollection<Guid> linkIds, CancellationToken ct = default)
    {
        if (linkIds.Count == 0)
        {
            return [];
        }

        var sql = connections.Dialect.Pick(sqlite: ListLinkProgressSqlite, postgres: ListLinkProgressPostgres);
        var parameters = new { LinkIds = connections.Dialect.IdList(linkIds.Distinct()) };

        return await connections.QueryAsync<LinkProgressRow, LinkProgressRecord>(sql, parameters, row => row.ToRecord(), ct);
    }

    /// <summary>Also returns false, appending nothing, when the key result no longer exists.</summary>
    public Task<bool> RecordKeyResultProgressAsync(ProgressHistoryEntry entry, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                var lockSql = connections.Dialect.Pick(sqlite: LockKeyResultSqlite, postgres: LockKeyResultPostgres);
                var keyResult = new { entry.KeyResultId };
                var exists = await connection.QuerySingleOrDefaultAsync<Guid?>(new CommandDefinition(lockSql, keyResult, transaction, cancellationToken: ct));
                if (exists is null)
                {
                    return false;
                }

                var latest = await connection.QuerySingleOrDefaultAsync<HistoryValueRow>(new CommandDefinition(LatestHistorySql, keyResult, transaction, cancellationToken: ct));
                if (latest is not null && latest.Value == entry.Value && latest.BreakdownJson == entry.BreakdownJson)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(AppendHistorySql, entry, transaction, cancellationToken: ct));
                return true;
            },
            ct);

    public async Task<IReadOnlyList<ProgressHistoryEntry>> ListHistoryAsync(Guid keyResultId, DateTimeOffset? since, CancellationToken ct = default)
    {
        // Two statements rather than "@Since IS NULL OR ...": PostgreSQL cannot type a bare NULL parameter.
        return since is null
            ? await connections.QueryAsync<HistoryRow, ProgressHistoryEntry>(ListHistorySql, new { KeyResultId = keyResultId }, row => row.ToEntry(), ct)
            : await connections.QueryAsync<HistoryRow, ProgressHistoryEntry>(
                ListHistorySinceSql, new { KeyResultId = keyResultId, Since = since.Value }, row => row.ToEntry(), ct);
    }

    private sealed class LinkProgressRow
    {
        public Guid LinkId { get; init; }
        public double? Value { get; init; }
        public string BreakdownJson { get; init; } = "";
        public DateTimeOffset ComputedAt { get; init; }
        public DateTimeOffset? LastSyncedAt { get; init; }
        public bool Stale { get; init; }
        public string? LastError { get; init; }

        public LinkProgressRecord ToRecord() =>
            new(LinkId, Value, BreakdownJson, ComputedAt, LastSyncedAt, Stale, LastError);
    }

    private sealed class HistoryValueRow
    {
        public double? Value { get; init; }
        public string BreakdownJson { get; init; } = "";
    }

    private sealed class HistoryRow
    {
        public Guid KeyResultId { get; init; }
        public double? Value { get; init; }
        public string BreakdownJson { get; init; } = "";
        public string Source { get; init; } = "";
        public DateTimeOffset RecordedAt { get; init; }

        public ProgressHistoryEntry ToEntry() => new(KeyResultId, Value, BreakdownJson, Source, RecordedAt);
    }
}
