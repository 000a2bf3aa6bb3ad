using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Sync;

/// <summary>
/// The webhook inbox and the delivery ids seen. Accepting records both in one transaction, so a delivery is either
/// stored and remembered, or neither (and its redelivery is processed). Claiming is one UPDATE … RETURNING whose
/// WHERE is re-checked on the updated row, so two servers never claim the same entry.
/// </summary>
public sealed class WebhookInboxRepository(DatabaseConnectionFactory connections) : IWebhookInboxRepository
{
    private const string RecordDeliverySql = """
        INSERT INTO webhook_deliveries (connector_id, delivery_id, received_at)
        VALUES (@ConnectorId, @DeliveryId, @ReceivedAt)
        ON CONFLICT (connector_id, delivery_id) DO NOTHING
        """;

    private const string InsertEntrySql = """
        INSERT INTO webhook_inbox (id, connector_id, delivery_id, event_type, item_ids_json, targets_json, received_at, attempts)
        VALUES (@Id, @ConnectorId, @DeliveryId, @EventType, @ItemIdsJson, @TargetsJson, @ReceivedAt, 0)
        """;

    private const string ClaimSql = """
        UPDATE webhook_inbox
        SET claimed_by = @Owner, claimed_at = @Now, attempts = attempts + 1
        WHERE id IN (
                SELECT id FROM webhook_inbox
                WHERE processed_at IS NULL AND (claimed_by IS NULL OR claimed_at < @ClaimedBefore)
                ORDER BY received_at, id
                LIMIT @Limit)
          AND processed_at IS NULL
          AND (claimed_by IS NULL OR claimed_at < @ClaimedBefore)
        RETURNING id, connector_id, event_type, item_ids_json, targets_json, received_at, attempts
        """;

    private const string MarkProcessedSqlite = """
        UPDATE webhook_inbox SET processed_at = @ProcessedAt, last_error = @Error
        WHERE id IN (SELECT value FROM json_each(@Ids))
        """;

    private const string MarkProcessedPostgres = """
        UPDATE webhook_inbox SET processed_at = @ProcessedAt, last_error = @Error
        WHERE id = ANY(@Ids)
        """;

    private const string ReleaseSqlite = """
        UPDATE webhook_inbox SET claimed_by = NULL, claimed_at = NULL, last_error = @Error
        WHERE id IN (SELECT value FROM json_each(@Ids)) AND processed_at IS NULL
        """;

    private const string ReleasePostgres = """
        UPDATE webhook_inbox SET claimed_by = NULL, claimed_at = NULL, last_error = @Error
        WHERE id = ANY(@Ids) AND processed_at IS NULL
        """;

    private const string PruneDeliveriesSql = "DELETE FROM webhook_deliveries WHERE received_at < @DeliveriesBefore";

    private const string PruneInboxSql = "DELETE FROM webhook_inbox WHERE processed_at < @ProcessedBefore";

    public Task<bool> AcceptAsync(WebhookInboxEntry entry, string deliveryId, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                var recorded = await connection.ExecuteAsync(new CommandDefinition(
                    RecordDeliverySql, new { entry.ConnectorId, DeliveryId = deliveryId, entry.ReceivedAt }, transaction, cancellationToken: ct));
                if (recorded == 0)
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    InsertEntrySql,
                    new
                    {
                        entry.Id,
                        entry.ConnectorId,
                        DeliveryId = deliveryId,
                        entry.EventType,
                        ItemIdsJson = SyncSql.ToJson(entry.ItemExternalIds),
                        TargetsJson = SyncSql.TargetsToJson(entry.Targets),
                        entry.ReceivedAt,
                    },
                    transaction,
                    cancellationToken: ct));
                return true;
            },
            ct);

    public async Task<IReadOnlyList<WebhookInboxEntry>> ClaimAsync(string owner, DateTimeOffset now, DateTimeOffset claimedBefore, int limit, CancellationToken ct = default)
    {
        var rows = await connections.QueryAsync<InboxRow>(
            ClaimSql, new { Owner = owner, Now = now, ClaimedBefore = claimedBefore, Limit = limit }, ct);
        return rows
            .OrderBy(r => r.ReceivedAt)
            .Select(r => new WebhookInboxEntry(
                r.Id,
                r.ConnectorId,
                r.EventType,
                SyncSql.FromJson<List<string>>(r.ItemIdsJson, []),
                SyncSql.TargetsFromJson(r.TargetsJson),
                r.ReceivedAt,
                r.Attempts))
            .ToList();
    }

    public async Task MarkProcessedAsync(IReadOnlyCollection<Guid> ids, DateTimeOffset processedAt, string? error, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var sql = connections.Dialect.Pick(sqlite: MarkProcessedSqlite, postgres: MarkProcessedPostgres);
        await connections.ExecuteAsync(
            sql, new { Ids = connections.Dialect.IdList(ids), ProcessedAt = processedAt, Error = error }, ct);
    }

    public async Task ReleaseAsync(IReadOnlyCollection<Guid> ids, string error, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return;
        }

        var sql = connections.Dialect.Pick(sqlite: ReleaseSqlite, postgres: ReleasePostgres);
        await connections.ExecuteAsync(sql, new { Ids = connections.Dialect.IdList(ids), Error = error }, ct);
    }

    public Task<int> PruneAsync(DateTimeOffset deliveriesBefore, DateTimeOffset processedBefore, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
                await connection.ExecuteAsync(new CommandDefinition(
                    PruneDeliveriesSql, new { DeliveriesBefore = deliveriesBefore }, transaction, cancellationToken: ct))
                + await connection.ExecuteAsync(new CommandDefinition(
                    PruneInboxSql, new { ProcessedBefore = processedBefore }, transaction, cancellationToken: ct)),
            ct);

    private sealed class InboxRow
    {
        public Guid Id { get; init; }
        public Guid ConnectorId { get; init; }
        public string? EventType { get; init; }
        public string ItemIdsJson { get; init; } = "[]";
        public string TargetsJson { get; init; } = "[]";
        public DateTimeOffset ReceivedAt { get; init; }
        public int Attempts { get; init; }
    }
}
