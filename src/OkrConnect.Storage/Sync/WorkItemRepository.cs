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
/// </summary>
public sealed class WorkItemRepository(DatabaseConnectionFactory connections) : IWorkItemRepository
{
    // updated_at moves only when what progress depends on changed, so it says when the item last really changed.
    private const string UpsertItemSql = """
        INSERT INTO work_items (connector_id, external_id, class, points, excluded_reason, parent_external_id, is_subtask, title, updated_at, fetched_at)
        VALUES (@ConnectorId, @ExternalId, @Class, @Points, @ExcludedReason, @ParentExternalId, @IsSubtask, @Title, @FetchedAt, @FetchedAt)
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
        """;

    private const string ClearTargetSql = """
        DELETE FROM work_item_targets
        WHERE connector_id = @ConnectorId AND target_kind = @TargetKind AND target_key = @TargetKey
        """;

    private const string AddToTargetSql = """
        INSERT INTO work_item_targets (connector_id, external_id, target_kind, target_key)
        VALUES (@ConnectorId, @ExternalId, @TargetKind, @TargetKey)
        ON CONFLICT DO NOTHING
        """;

    private const string DeleteOrphansSql = """
        DELETE FROM work_items
        WHERE connector_id = @ConnectorId
          AND NOT EXISTS (
              SELECT 1 FROM work_item_targets t
              WHERE t.connector_id = work_items.connector_id AND t.external_id = work_items.external_id)
        """;

    private const string MarkFetchedSql = """
        INSERT INTO fetched_targets (connector_id, target_kind, target_key, last_full_fetch_at)
        VALUES (@ConnectorId, @TargetKind, @TargetKey, @FetchedAt)
        ON CONFLICT (connector_id, target_kind, target_key) DO UPDATE SET last_full_fetch_at = excluded.last_full_fetch_at
        """;

    private const string ListByTargetSql = """
        SELECT w.external_id, w.class, w.points, w.excluded_reason, w.parent_external_id, w.is_subtask, w.title
        FROM work_item_targets t
        JOIN work_items w ON w.connector_id = t.connector_id AND w.external_id = t.external_id
        WHERE t.connector_id = @ConnectorId AND t.target_kind = @TargetKind AND t.target_key = @TargetKey
        ORDER BY w.external_id
        """;

    private const string TargetsHoldingSqlite = """
        SELECT DISTINCT target_kind, target_key
        FROM work_item_targets
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

    public Task ReplaceTargetItemsAsync(Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                var key = TargetKey(connectorId, target, fetchedAt);
                await UpsertAsync(connection, transaction, connectorId, items, fetchedAt, ct);
                await connection.ExecuteAsync(new CommandDefinition(ClearTargetSql, key, transaction, cancellationToken: ct));
                await AddAsync(connection, transaction, connectorId, target, items, ct);
                await connection.ExecuteAsync(new CommandDefinition(DeleteOrphansSql, key, transaction, cancellationToken: ct));
                await connection.ExecuteAsync(new CommandDefinition(MarkFetchedSql, key, transaction, cancellationToken: ct));
                return true;
            },
            ct);

    public Task MergeTargetItemsAsync(Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct = default) =>
        items.Count == 0
            ? Task.CompletedTask
            : connections.InWriteTransactionAsync(
                async (connection, transaction) =>
                {
                    await UpsertAsync(connection, transaction, connectorId, items, fetchedAt, ct);
                    await AddAsync(connection, transaction, connectorId, target, items, ct);
                    return true;
                },
                ct);

    public async Task<IReadOnlyList<WorkItem>> ListByTargetAsync(Guid connectorId, TargetRef target, CancellationToken ct = default) =>
        await connections.QueryAsync<WorkItemRow, WorkItem>(
            ListByTargetSql, new { ConnectorId = connectorId, TargetKind = target.Kind, TargetKey = target.Key }, r => r.ToWorkItem(), ct);

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

    public async Task<IReadOnlyList<TargetRef>> ListFullyFetchedTargetsAsync(Guid connectorId, CancellationToken ct = default) =>
        await connections.QueryAsync<TargetRow, TargetRef>(FullyFetchedSql, new { ConnectorId = connectorId }, r => new TargetRef(r.TargetKind, r.TargetKey), ct);

    private static object TargetKey(Guid connectorId, TargetRef target, DateTimeOffset fetchedAt) =>
        new { ConnectorId = connectorId, TargetKind = target.Kind, TargetKey = target.Key, FetchedAt = fetchedAt };

    private static Task UpsertAsync(DbConnection connection, DbTransaction transaction, Guid connectorId, IReadOnlyList<WorkItem> items, DateTimeOffset fetchedAt, CancellationToken ct) =>
        items.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                UpsertItemSql, DistinctById(items).Select(i => WorkItemRow.Parameters(connectorId, i, fetchedAt)).ToList(), transaction, cancellationToken: ct));

    private static Task AddAsync(DbConnection connection, DbTransaction transaction, Guid connectorId, TargetRef target, IReadOnlyList<WorkItem> items, CancellationToken ct) =>
        items.Count == 0
            ? Task.CompletedTask
            : connection.ExecuteAsync(new CommandDefinition(
                AddToTargetSql,
                DistinctById(items).Select(i => new { ConnectorId = connectorId, i.ExternalId, TargetKind = target.Kind, TargetKey = target.Key }).ToList(),
                transaction,
                cancellationToken: ct));

    // A tracker may list an item twice across pages when it changed mid-paging; the last sighting wins.
    private static IEnumerable<WorkItem> DistinctById(IEnumerable<WorkItem> items) =>
        items.GroupBy(i => i.ExternalId, StringComparer.Ordinal).Select(g => g.Last());

    private sealed class WorkItemRow
    {
        public string ExternalId { get; init; } = "";
        public string Class { get; init; } = "";
        public double? Points { get; init; }
        public string? ExcludedReason { get; init; }
        public string? ParentExternalId { get; init; }
        public bool IsSubtask { get; init; }
        public string? Title { get; init; }

        public static object Parameters(Guid connectorId, WorkItem item, DateTimeOffset fetchedAt) => new
        {
            ConnectorId = connectorId,
            item.ExternalId,
            Class = DbEnum.ToText(item.Class),
            item.Points,
            item.ExcludedReason,
            item.ParentExternalId,
            item.IsSubtask,
            item.Title,
            FetchedAt = fetchedAt,
        };

        public WorkItem ToWorkItem() =>
            new(ExternalId, DbEnum.Parse<WorkItemClass>(Class), Points, ExcludedReason, ParentExternalId, IsSubtask, Title);
    }

    private sealed class TargetRow
    {
        public string TargetKind { get; init; } = "";
        public string TargetKey { get; init; } = "";
    }
}
