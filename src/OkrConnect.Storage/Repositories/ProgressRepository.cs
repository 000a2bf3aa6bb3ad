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

    private static readonly MultiRowStatement UpsertLinkProgressRows = new(
        "INSERT INTO link_progress (link_id, value, breakdown_json, computed_at, last_synced_at, stale, last_error) VALUES",
        """
        ON CONFLICT (link_id) DO UPDATE SET
            value = excluded.value,
            breakdown_json = excluded.breakdown_json,
            computed_at = excluded.computed_at,
            last_synced_at = excluded.last_synced_at,
            stale = excluded.stale,
            last_error = excluded.last_error
        """,
        columns: 7);

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

    // Many key results at once (RecordKeyResultProgressAsync of a list): lock the existing ones (in id order on
    // PostgreSQL, so two batches never wait on each other in a circle), then read each one's latest entry through
    // ix_progress_history_key_result_recorded.
    private const string LockKeyResultsSqlite = """
        SELECT id FROM key_results WHERE id IN (SELECT value FROM json_each(@KeyResultIds))
        """;

    private const string LockKeyResultsPostgres = """
        SELECT id FROM key_results WHERE id = ANY(@KeyResultIds) ORDER BY id FOR NO KEY UPDATE
        """;

    private const string LatestHistoriesSqlite = """
        SELECT h.key_result_id, h.value, h.breakdown_json
        FROM progress_history h
        WHERE h.id IN (
            SELECT (SELECT p.id FROM progress_history p
                    WHERE p.key_result_id = j.value
                    ORDER BY p.recorded_at DESC, p.id DESC
                    LIMIT 1)
            FROM json_each(@KeyResultIds) j)
        """;

    private const string LatestHistoriesPostgres = """
        SELECT h.key_result_id, h.value, h.breakdown_json
        FROM progress_history h
        WHERE h.id IN (
            SELECT (SELECT p.id FROM progress_history p
                    WHERE p.key_result_id = j.value
                    ORDER BY p.recorded_at DESC, p.id DESC
                    LIMIT 1)
            FROM unnest(@KeyResultIds) AS j(value))
        """;

    private static readonly MultiRowStatement AppendHistoryRows = new(
        "INSERT INTO progress_history (key_result_id, value, breakdown_json, source, recorded_at) VALUES",
        "",
        columns: 5);

    /// <summary>
    /// Rows per transaction of the list writes: a few milliseconds of SQLite's single write lock each, so webhook
    /// acknowledgements waiting for it are answered quickly. Also the ids per query of the list reads.
    /// </summary>
    private const int RowsPerTransaction = 200;

    private const int IdsPerQuery = 500;

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

    public async Task UpsertLinkProgressAsync(IReadOnlyCollection<LinkProgressRecord> records, CancellationToken ct = default)
    {
        // The last record of a link wins, as it would one call after the other (and one statement may not touch a row twice).
        var latest = records.GroupBy(r => r.LinkId).Select(g => g.Last()).ToList();
        foreach (var chunk in latest.Chunk(RowsPerTransaction))
        {
            await connections.InWriteTransactionAsync(
                async (connection, transaction) => await UpsertLinkProgressRows.ExecuteAsync(connection, transaction, connections.Dialect, chunk, (p, record) =>
                {
                    p.Id(record.LinkId);
                    p.Real(record.Value);
                    p.Text(record.BreakdownJson);
                    p.Instant(record.ComputedAt);
                    p.Instant(record.LastSyncedAt);
                    p.Flag(record.Stale);
                    p.Text(record.LastError);
                }, ct),
                ct);
        }
    }

    public async Task<IReadOnlyList<LinkProgressRecord>> ListLinkProgressAsync(IReadOnlyCollection<Guid> linkIds, CancellationToken ct = default)
    {
        if (linkIds.Count == 0)
        {
            return [];
        }

        var sql = connections.Dialect.Pick(sqlite: ListLinkProgressSqlite, postgres: ListLinkProgressPostgres);
        var ids = linkIds.Distinct().ToList();
        if (ids.Count <= IdsPerQuery)
        {
            return await connections.QueryAsync<LinkProgressRow, LinkProgressRecord>(sql, new { LinkIds = connections.Dialect.IdList(ids) }, row => row.ToRecord(), ct);
        }

        // Chunked, then in one order as a single query would give it.
        var records = new List<LinkProgressRecord>(ids.Count);
        foreach (var chunk in ids.Chunk(IdsPerQuery))
        {
            records.AddRange(await connections.QueryAsync<LinkProgressRow, LinkProgressRecord>(
                sql, new { LinkIds = connections.Dialect.IdList(chunk) }, row => row.ToRecord(), ct));
        }

        return records.OrderBy(r => r.LinkId.ToString("D"), StringComparer.Ordinal).ToList();
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

    public async Task<IReadOnlyList<bool>> RecordKeyResultProgressAsync(IReadOnlyList<ProgressHistoryEntry> entries, CancellationToken ct = default)
    {
        var appended = new List<bool>(entries.Count);
        foreach (var chunk in entries.Chunk(RowsPerTransaction))
        {
            appended.AddRange(await connections.InWriteTransactionAsync(
                async (connection, transaction) =>
                {
                    var ids = new { KeyResultIds = connections.Dialect.IdList(chunk.Select(e => e.KeyResultId).Distinct()) };
                    var lockSql = connections.Dialect.Pick(sqlite: LockKeyResultsSqlite, postgres: LockKeyResultsPostgres);
                    var existing = (await connection.QueryAsync<Guid>(new CommandDefinition(lockSql, ids, transaction, cancellationToken: ct))).ToHashSet();
                    var latestSql = connections.Dialect.Pick(sqlite: LatestHistoriesSqlite, postgres: LatestHistoriesPostgres);
                    var latest = (await connection.QueryAsync<LatestHistoryRow>(new CommandDefinition(latestSql, ids, transaction, cancellationToken: ct)))
                        .ToDictionary(r => r.KeyResultId, r => (r.Value, r.BreakdownJson));

                    // In order, as one call after the other: a second entry of a key result compares with the first.
                    var results = new bool[chunk.Length];
                    var append = new List<ProgressHistoryEntry>();
                    for (var i = 0; i < chunk.Length; i++)
                    {
                        var entry = chunk[i];
                        if (!existing.Contains(entry.KeyResultId)
                            || (latest.TryGetValue(entry.KeyResultId, out var last) && last.Value == entry.Value && last.BreakdownJson == entry.BreakdownJson))
                        {
                            continue;
                        }

                        latest[entry.KeyResultId] = (entry.Value, entry.BreakdownJson);
                        append.Add(entry);
                        results[i] = true;
                    }

                    await AppendHistoryRows.ExecuteAsync(connection, transaction, connections.Dialect, append, (p, entry) =>
                    {
                        p.Id(entry.KeyResultId);
                        p.Real(entry.Value);
                        p.Text(entry.BreakdownJson);
                        p.Text(entry.Source);
                        p.Instant(entry.RecordedAt);
                    }, ct);
                    return results;
                },
                ct));
        }

        return appended;
    }

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

    private sealed class LatestHistoryRow
    {
        public Guid KeyResultId { get; init; }
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
