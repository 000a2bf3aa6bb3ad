using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Sync;

/// <summary>Per-connector watermark; an older run finishing late never moves it backwards.</summary>
public sealed class ConnectorSyncStateRepository(DatabaseConnectionFactory connections) : IConnectorSyncStateRepository
{
    private const string GetSql = """
        SELECT connector_id, watermark, last_full_sync_at FROM connector_sync_state WHERE connector_id = @ConnectorId
        """;

    private const string AdvanceSql = """
        INSERT INTO connector_sync_state (connector_id, watermark, last_full_sync_at)
        VALUES (@ConnectorId, @Watermark, @LastFullSyncAt)
        ON CONFLICT (connector_id) DO UPDATE SET
            watermark = CASE
                WHEN connector_sync_state.watermark IS NULL OR connector_sync_state.watermark < excluded.watermark
                THEN excluded.watermark
                ELSE connector_sync_state.watermark
            END,
            last_full_sync_at = COALESCE(excluded.last_full_sync_at, connector_sync_state.last_full_sync_at)
        """;

    public async Task<ConnectorSyncState?> GetAsync(Guid connectorId, CancellationToken ct = default)
    {
        var row = await connections.QuerySingleOrDefaultAsync<StateRow>(GetSql, new { ConnectorId = connectorId }, ct);
        return row is null ? null : new ConnectorSyncState(row.ConnectorId, row.Watermark, row.LastFullSyncAt);
    }

    public async Task AdvanceAsync(Guid connectorId, DateTimeOffset watermark, bool fullSync, CancellationToken ct = default) =>
        await connections.ExecuteAsync(
            AdvanceSql,
            new { ConnectorId = connectorId, Watermark = watermark, LastFullSyncAt = fullSync ? watermark : (DateTimeOffset?)null },
            ct);

    private sealed class StateRow
    {
        public Guid ConnectorId { get; init; }
        public DateTimeOffset? Watermark { get; init; }
        public DateTimeOffset? LastFullSyncAt { get; init; }
    }
}
