using Dapper;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Sync.Health;

/// <summary>
/// A connector-wide failure the last sync met, shown on the connector until a later run gets past it.
/// <see cref="Status"/> is what a person reads ("credentials rejected"); <see cref="Category"/> the tracker error category.
/// </summary>
public sealed record ConnectorHealth(Guid ConnectorId, string Status, string Category, string Message, DateTimeOffset FailedAt);

/// <summary>The connector health row (migration 0005): set when a run meets a connector-wide failure, deleted on success.</summary>
public sealed class ConnectorHealthRepository(DatabaseConnectionFactory connections)
{
    private const string GetSql = """
        SELECT connector_id, status, category, message, failed_at FROM connector_health WHERE connector_id = @ConnectorId
        """;

    private const string SetSql = """
        INSERT INTO connector_health (connector_id, status, category, message, failed_at)
        VALUES (@ConnectorId, @Status, @Category, @Message, @FailedAt)
        ON CONFLICT (connector_id) DO UPDATE SET
            status = excluded.status,
            category = excluded.category,
            message = excluded.message,
            failed_at = excluded.failed_at
        """;

    private const string ClearSql = """
        DELETE FROM connector_health WHERE connector_id = @ConnectorId
        """;

    public async Task<ConnectorHealth?> GetAsync(Guid connectorId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<HealthRow>(new CommandDefinition(GetSql, new { ConnectorId = connectorId }, cancellationToken: ct));
        return row is null ? null : new ConnectorHealth(row.ConnectorId, row.Status, row.Category, row.Message, row.FailedAt);
    }

    public async Task SetAsync(ConnectorHealth health, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(SetSql, health, cancellationToken: ct));
    }

    public async Task ClearAsync(Guid connectorId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(ClearSql, new { ConnectorId = connectorId }, cancellationToken: ct));
    }

    private sealed class HealthRow
    {
        public Guid ConnectorId { get; init; }
        public string Status { get; init; } = "";
        public string Category { get; init; } = "";
        public string Message { get; init; } = "";
        public DateTimeOffset FailedAt { get; init; }
    }
}
