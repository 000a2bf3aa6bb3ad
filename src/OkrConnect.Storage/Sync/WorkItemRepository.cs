using System.Data.Common;
using Dapper;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Sync;

/// <summary>
/// Work items keyed by (connector, external id) and the targets they sit under. A full replace of a target runs in
/// one transaction, so readers never see a target half-emptied; items left under no target are deleted with it.
/// Many targets are stored a few per short transaction (<see cref="RowsPerTransaction"/>), with multi-row statements.
/// </summary>
public sealed class WorkItemRepository(DatabaseConnectionFactory connections) : IWorkItemRepository
{
    // updated_at moves only when what progress depends on changed, so it says when the item last really changed.
    // Many rows per statement (MultiRowStatement): ids are unique within one statement (DistinctById), as PostgreSQL's
    // ON CONFLICT DO UPDATE requires.
    private static readonly MultiRowStatement UpsertItems = new(
        "INSERT INTO work_items (connector_id, external_id, class, points, excluded_reason, parent_external_id, is_subtask, title, updated_at, fetched_at) VALUES",
        """
        ON CONFLICT (connector_id, external_id) DO UPDATE SET
            updated_at = CASE
                WHEN work_items.class IS DISTINCT FROM excluded.class
                  OR work_items.points IS DISTINCT FROM excluded.points
                  OR work_items.excluded_reason IS DISTINCT FROM excluded.excluded_reason
                  OR work_items.parent_external_id IS DISTINCT FROM excluded.parent_external_id
                  OR work_items.is_subtask IS DISTINCT FROM excluded.is_subtask
                THEN excluded.fetched_at
                ELSE work_items.updated_at
            END,
            class = excluded.class,
            points = excluded.points,
            excluded_reason = excluded.excluded_reason,
            parent_external_id = excluded.parent_external_id,
            is_subtask = excluded.is_subtask,
            title = excluded.title,
            fetched_at = excluded.fetched_at
        """,
        columns: 10);

    private static readonly MultiRowStatement AddToTarget = new(
        "INSERT INTO work_item_targets (connector_id, external_id, target_kind, target_key) VALUES",
        "ON CONFLICT DO NOTHING",
        columns: 4);

    private const string ListMembersSql = """
        SELECT external_id
        FROM work_item_targets
        WHERE connector_id = @ConnectorId AND target_kind = @TargetKind AND target_key = @TargetKey
        """;

    private const string RemoveFromTargetSqlite = """
        DELETE FROM work_item_targets
        WHERE connector_id = @ConnectorId AND target_kind = @TargetKind AND target_key = @TargetKey
          AND external_id IN (SELECT value FROM json_each(@ExternalIds))
        """;

    private const string RemoveFromTargetPostgres = """
        DELETE FROM work_item_targets
        WHERE connector_id = @ConnectorId AND target_kind = @TargetKind AND target_key = @TargetKey
          AND external_id = ANY(@ExternalIds)
        """;

    // Only the items that just left a target can have become orphans: every other item is still under the target
    // that stored it (memberships leave only here), so the rest of the connector's items need no look.
    private const string DeleteOrphansSqlite = """
        DELETE FROM work_items
        WHERE connector_id = @ConnectorId
          AND external_id IN (SELECT value FROM json_each(@ExternalIds))
          AND NOT EXISTS (
              SELECT 1 FROM work_item_targets t
              WHERE t.connector_id = work_items.connector_id AND t.external_id = work_items.external_id)
        """;

    private const string DeleteOrphansPostgres = """
        DELETE FROM work_items
        WHERE connector_id = @ConnectorId
          AND external_id = ANY(@ExternalIds)
          AND NOT EXISTS (
              SELECT 1 FROM work_item_targets t
              WHERE t.connector_id = work_items.connector_id AND t.external_id = work_items.external_id)
        """;

    // The version describes exactly the items stored with it, so a full store always sets it (NULL included).
    private const string MarkFetchedSql = """
        INSERT INTO fetched_targets (connector_id, target_kind, target_key, last_full_fetch_at, content_version)
        VALUES (@ConnectorId, @TargetKind, @TargetKey, @FetchedAt, @Version)
        ON CONFLICT (connector_id, target_kind, target_key) DO UPDATE SET
            last_full_fetch_at = excluded.last_full_fetch_at,
            content_version = excluded.content_version
        """;

    // A merge with a version: the connector read the whole target anyway (GitHub sub-issues have no "since"), so
    // reading that version again could add nothing the merge did not.
    private const string SetVersionSql = """
        UPDATE fetched_targets SET content_version = @Version
        WHERE connector_id = @ConnectorId AND target_kind = @TargetKind AND target_key = @TargetKey
        """;

    private const string VersionsSql = """
        SELECT target_kind, target_key, content_version
        FROM fetched_targets
        WHERE connector_id = @ConnectorId AND content_version IS NOT NULL
        """;

    // Ordered by the membership's own column: it is the same value as w.external_id, but lets the engines read the
    // target's rows in order from work_item_targets' primary key instead of sorting (SQLite used to pick the
    // work_items index for the sort and scan every item of the connector).
    private const string ListByTargetSql = """
        SELECT w.external_id, w.class, w.points, w.excluded_reason, w.parent_external_id, w.is_subtask, w.title
        FROM work_item_targets t
        JOIN work_items w ON w.connector_id = t.connector_id AND w.external_id = t.external_id
        WHERE t.connector_id = @ConnectorId AND t.target_kind = @TargetKind AND t.target_key = @TargetKey
        ORDER BY t.external_id
        """;

    // Many targets at once: the requested (kind, key) pairs arrive as one JSON array / two arrays, numbered, and each
    // is looked up in work_item_targets' primary key; rows come back per target in ListByTargetSql's order.
    // CROSS JOIN fixes SQLite's join order (the list outside): left to itself, SQLite 3.53 scans every membership of
    // the connector and probes the list for each one.
    private const string ListByTargetsSqlite = """
        SELECT CAST(j.key AS INTEGER) AS target_index, w.external_id, w.class, w.points, w.excluded_reason, w.parent_external_id, w.is_subtask, w.title
        FROM json_each(@Targets) j
        CROSS JOIN work_item_targets t
        CROSS JOIN work_items w
        WHERE t.connector_id = @ConnectorId
          AND t.target_kind = json_extract(j.value, '$[0]')
          AND t.target_key = json_extract(j.value, '$[1]')
          AND w.connector_id = t.connector_id AND w.external_id = t.external_id
        ORDER BY target_index, t.external_id
        """;

    private const string ListByTargetsPostgres = """
        SELECT (j.ordinality - 1)::integer AS target_index, w.external_id, w.class, w.points, w.excluded_reason, w.parent_external_id, w.is_subtask, w.title
        FROM unnest(@Kinds, @Keys) WITH ORDINALITY AS j(kind, key, ordinality)
        JOIN work_item_targets t
          ON t.connector_id = @ConnectorId
         AND t.target_kind = j.kind
         AND t.target_key = j.key
        JOIN work_items w ON w.connector_id = t.connector_id AND w.external_id = t.external_id
        ORDER BY target_index, t.external_id
        """;

    // Each id looked up in ix_work_item_targets_item. Left to itself SQLite 3.53 scans every membership of the connector
    // through the primary key (connector_id only) and probes the list for each; INDEXED BY fails loudly if the index
    // ever goes, instead of slowly.
    private const string TargetsHoldingSqlite = """
        SELECT DISTINCT target_kind, target_key
        FROM work_item_targets INDEXED BY ix_work_item_targets_item
        WHERE connector_id = @ConnectorId AND external_id IN (SELECT value FROM json_each(@ExternalIds))
        """;

    private const string TargetsHoldingPostgres = """
        SELECT DISTINCT target_kind, target_key
        FROM work_item_targets
        WHERE connector_id = @ConnectorId AND external_id = ANY(@ExternalIds)
        """;

    private const string FullyFetchedSql = """
        SELECT target_kind, target_key FROM fetched_targets WHERE connector_id = @ConnectorId
        """;

    /// <summary>Ids per list parameter (id lists of deletes, targets of a read).</summary>
    private const int ListChunk = 500;

    /// <summary>
    /// Rows (items) per transaction of <see cref="StoreTargetsAsync"/>: a few milliseconds of SQLite's single write lock,
    /// so a webhook acknowledgement waiting for it is answered quickly. A larger target still goes whole in its own.
    /// </summary>
    internal const int RowsPerTransaction = 250;

    public Task ReplaceTargetItemsAsync(Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default) =>
        StoreTargetsAsync(connectorId, [new TargetItemsWrite(target, items, Replace: true)], fetchedAt, ct);

    public Task MergeTargetItemsAsync(Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default) =>
        StoreTargetsAsync(connectorId, [new TargetItemsWrite(target, items, Replace: false)], fetchedAt, ct);

    public async Task StoreTargetsAsync(Guid connectorId, IReadOnlyList<TargetItemsWrite> targets, DateTimeOffset fetchedAt, CancellationToken ct = default)
    {
        // An incremental fetch that found nothing changes nothing, nor does a read the tracker confirmed unchanged.
        var pending = targets.Where(t => !t.Unchanged && (t.Replace || t.Items.Count > 0 || t.Version is not null)).ToList();
        var next = 0;
        while (next < pending.Count)
        {
            var chunk = new List<TargetItemsWrite> { pending[next++] };
            var rows = chunk[0].Items.Count;
            while (next < pending.Count && rows + pending[next].Items.Count <= RowsPerTransaction)
            {
                rows += pending[next].Items.Count;
                chunk.Add(pending[next++]);
            }

            await connections.InWriteTransactionAsync(
                async (connection, transaction) =>
                {
                    foreach (var write in chunk)
                    {
                        await StoreAsync(connection, transaction, connectorId, write, fetchedAt, ct);
                    }

                    return true;
                },
                ct);
        }
    }

    public async Task<IReadOnlyList<WorkItem>> ListByTargetAsync(Guid connectorId, TargetRef target, CancellationToken ct = default) =>
        await connections.QueryAsync<WorkItemRow, WorkItem>(
            ListByTargetSql, new { ConnectorId = connectorId, TargetKind = target.Kind, TargetKey = target.Key }, r => r.ToWorkItem(), ct);

    public async Task<IReadOnlyDictionary<TargetRef, IReadOnlyList<WorkItem>>> ListByTargetsAsync(
        Guid connectorId, IReadOnlyCollection<TargetRef> targets, CancellationToken ct = default)
    {
        var result = new Dictionary<TargetRef, IReadOnlyList<WorkItem>>();
        var wanted = targets.Distinct().ToList();
        if (wanted.Count == 0)
        {
            return result;
        }

        await using var connection = await connections.OpenAsync(ct);
        foreach (var chunk in wanted.Chunk(ListChunk))
        {
            var lists = chunk.Select(_ => new List<WorkItem>()).ToArray();
            object parameters = connections.Dialect == SqlDialect.Sqlite
                ? new { ConnectorId = connectorId, Targets = System.Text.Json.JsonSerializer.Serialize(chunk.Select(t => new[] { t.Kind, t.Key })) }
                : new { ConnectorId = connectorId, Kinds = chunk.Select(t => t.Kind).ToArray(), Keys = chunk.Select(t => t.Key).ToArray() };
            var sql = connections.Dialect.Pick(sqlite: ListByTargetsSqlite, postgres: ListByTargetsPostgres);
            var rows = await connection.QueryAsync<TargetWorkItemRow>(new CommandDefinition(sql, parameters, cancellationToken: ct));
            foreach (var row in rows)
            {
                lists[row.TargetIndex].Add(row.ToWorkItem());
            }

            for (var i = 0; i < chunk.Length; i++)
            {
                result[chunk[i]] = lists[i];
            }
        }

        return result;
    }

    public async Task<IReadOnlyList<TargetRef>> ListTargetsHoldingAsync(Guid connectorId, IReadOnlyCollection<string> externalIds, CancellationToken ct = default)
    {
        if (externalIds.Count == 0)
        {
            return [];
        }

        var sql = connections.Dialect.Pick(sqlite: TargetsHoldingSqlite, postgres: TargetsHoldingPostgres);
        var rows = await connections.QueryAsync<TargetRow>(
            sql, new { ConnectorId = connectorId, ExternalIds = connections.Dialect.TextList(externalIds.Distinct()) }, ct);
        return rows.Select(r => new TargetRef(r.TargetKind, r.TargetKey)).ToList();
    }

    public async Task<IReadOnlyDictionary<TargetRef, string>> ListContentVersionsAsync(Guid connectorId, CancellationToken ct = default)
    {
        var rows = await connections.QueryAsync<VersionRow>(VersionsSql, new { ConnectorId = connectorId }, ct);
        return rows.ToDictionary(r => new TargetRef(r.TargetKind, r.TargetKey), r => r.ContentVersion);
    }

    public async Task<IReadOnlyList<TargetRef>> ListFullyFetchedTargetsAsync(Guid connectorId, CancellationToken ct = default) =>
        await connections.QueryAsync<TargetRow, TargetRef>(FullyFetchedSql, new { ConnectorId = connectorId }, r => new TargetRef(r.TargetKind, r.TargetKey), ct);

    /// <summary>
    /// One target, inside the caller's transaction. A full fetch makes the fetched items exactly the target's members
    /// (only the memberships that changed are written) and deletes the items that left it and are now under no target;
    /// an incremental one only adds.
    /// </summary>
    private async Task StoreAsync(DbConnection connection, DbTransaction transaction, Guid connectorId, TargetItemsWrite write, DateTimeOffset fetchedAt, CancellationToken ct)
    {
        var items = DistinctById(write.Items).ToList();
        var dialect = connections.Dialect;
        await UpsertItems.ExecuteAsync(connection, transaction, dialect, items, (p, item) =>
        {
            p.Id(connectorId);
            p.Text(item.ExternalId);
            p.Text(DbEnum.ToText(item.Class));
            p.Real(item.Points);
            p.Text(item.ExcludedReason);
            p.Text(item.ParentExternalId);
            p.Flag(item.IsSubtask);
            p.Text(item.Title);
            p.Instant(fetchedAt);
            p.Instant(fetchedAt);
        }, ct);

        var key = new { ConnectorId = connectorId, TargetKind = write.Target.Kind, TargetKey = write.Target.Key, FetchedAt = fetchedAt, write.Version };
        var added = items;
        if (write.Replace)
        {
            var previous = (await connection.QueryAsync<string>(new CommandDefinition(ListMembersSql, key, transaction, cancellationToken: ct)))
                .ToHashSet(StringComparer.Ordinal);
            var current = items.Select(i => i.ExternalId).ToHashSet(StringComparer.Ordinal);
            var removed = previous.Where(id => !current.Contains(id)).ToList();
            added = items.Where(i => !previous.Contains(i.ExternalId)).ToList();
            foreach (var chunk in removed.Chunk(ListChunk))
            {
                var ids = new { key.ConnectorId, key.TargetKind, key.TargetKey, ExternalIds = dialect.TextList(chunk) };
                await connection.ExecuteAsync(new CommandDefinition(
                    dialect.Pick(sqlite: RemoveFromTargetSqlite, postgres: RemoveFromTargetPostgres), ids, transaction, cancellationToken: ct));
            }

            await AddAsync(connection, transaction, connectorId, write.Target, added, ct);
            foreach (var chunk in removed.Chunk(ListChunk))
            {
                var ids = new { ConnectorId = connectorId, ExternalIds = dialect.TextList(chunk) };
                await connection.ExecuteAsync(new CommandDefinition(
                    dialect.Pick(sqlite: DeleteOrphansSqlite, postgres: DeleteOrphansPostgres), ids, transaction, cancellationToken: ct));
            }

            await connection.ExecuteAsync(new CommandDefinition(MarkFetchedSql, key, transaction, cancellationToken: ct));
        }
        else
        {
            await AddAsync(connection, transaction, connectorId, write.Target, added, ct);
            if (write.Version is not null)
            {
                await connection.ExecuteAsync(new CommandDefinition(SetVersionSql, key, transaction, cancellationToken: ct));
            }
        }
    }

    private Task<int> AddAsync(DbConnection connection, DbTransaction transaction, Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, CancellationToken ct) =>
        AddToTarget.ExecuteAsync(connection, transaction, connections.Dialect, items, (p, item) =>
        {
            p.Id(connectorId);
            p.Text(item.ExternalId);
            p.Text(target.Kind);
            p.Text(target.Key);
        }, ct);

    // A tracker may list an item twice across pages when it changed mid-paging; the last sighting wins.
    private static IEnumerable<WorkItem> DistinctById(IEnumerable<WorkItem> items) =>
        items.GroupBy(i => i.ExternalId, StringComparer.Ordinal).Select(g => g.Last());

    private class WorkItemRow
    {
        public string ExternalId { get; init; } = "";
        public string Class { get; init; } = "";
        public double? Points { get; init; }
        public string? ExcludedReason { get; init; }
        public string? ParentExternalId { get; init; }
        public bool IsSubtask { get; init; }
        public string? Title { get; init; }

        public WorkItem ToWorkItem() =>
            new(ExternalId, DbEnum.Parse<WorkItemClass>(Class), Points, ExcludedReason, ParentExternalId, IsSubtask, Title);
    }

    // A work item row of ListByTargetsAsync, with the index of the requested target it sits under.
    private sealed class TargetWorkItemRow : WorkItemRow
    {
        public int TargetIndex { get; init; }
    }

    private sealed class VersionRow
    {
        public string TargetKind { get; init; } = "";
        public string TargetKey { get; init; } = "";
        public string ContentVersion { get; init; } = "";
    }

    private sealed class TargetRow
    {
        public string TargetKind { get; init; } = "";
        public string TargetKey { get; init; } = "";
    }
}
