using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Practice;

/// <summary>Reads the sync engine's stored work items (tables of migration 0002) for coverage; never writes them.</summary>
public sealed class WorkSightingRepository(DatabaseConnectionFactory connections) : IWorkSightingRepository
{
    // Sub-tasks are left out: their parent is a story, not an epic.
    private const string ParentSightingsSql = """
        SELECT w.connector_id, w.external_id AS item_external_id, w.parent_external_id, w.updated_at, t.target_kind, t.target_key
        FROM work_items w
        JOIN work_item_targets t ON t.connector_id = w.connector_id AND t.external_id = w.external_id
        WHERE w.connector_id = @ConnectorId
          AND w.parent_external_id IS NOT NULL
          AND NOT w.is_subtask
          AND w.updated_at >= @From
          AND w.updated_at < @To
        ORDER BY w.parent_external_id, w.external_id, t.target_kind, t.target_key
        """;

    public async Task<IReadOnlyList<ParentSighting>> ListParentSightingsAsync(Guid connectorId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<SightingRow>(new CommandDefinition(
            ParentSightingsSql, new { ConnectorId = connectorId, From = from, To = to }, cancellationToken: ct));
        return rows.Select(r => new ParentSighting(r.ConnectorId, r.ItemExternalId, r.ParentExternalId, r.UpdatedAt, r.TargetKind, r.TargetKey)).ToList();
    }

    private sealed class SightingRow
    {
        public Guid ConnectorId { get; init; }
        public string ItemExternalId { get; init; } = "";
        public string ParentExternalId { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }
        public string TargetKind { get; init; } = "";
        public string TargetKey { get; init; } = "";
    }
}
