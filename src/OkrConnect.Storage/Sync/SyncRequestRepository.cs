using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Sync;

/// <summary>Queued sync requests; taking them is one DELETE … RETURNING, so each is served exactly once.</summary>
public sealed class SyncRequestRepository(DatabaseConnectionFactory connections) : ISyncRequestRepository
{
    private const string AddSql = """
        INSERT INTO sync_requests (id, connector_id, triggered_by, link_ids_json, requested_at)
        VALUES (@Id, @ConnectorId, @TriggeredBy, @LinkIdsJson, @RequestedAt)
        """;

    private const string TakeSql = """
        DELETE FROM sync_requests
        WHERE connector_id = @ConnectorId
        RETURNING id, connector_id, triggered_by, link_ids_json, requested_at
        """;

    private const string AnySql = """
        SELECT COUNT(*) FROM sync_requests WHERE connector_id = @ConnectorId
        """;

    public async Task AddAsync(SyncRequest request, CancellationToken ct = default) =>
        await connections.ExecuteAsync(
            AddSql,
            new
            {
                request.Id,
                request.ConnectorId,
                TriggeredBy = DbEnum.ToText(request.Trigger),
                LinkIdsJson = request.LinkIds is null ? null : SyncSql.ToJson(request.LinkIds),
                request.RequestedAt,
            },
            ct);

    public async Task<IReadOnlyList<SyncRequest>> TakeAsync(Guid connectorId, CancellationToken ct = default)
    {
        var rows = await connections.QueryAsync<RequestRow>(TakeSql, new { ConnectorId = connectorId }, ct);
        return rows
            .OrderBy(r => r.RequestedAt)
            .Select(r => new SyncRequest(
                r.Id,
                r.ConnectorId,
                DbEnum.Parse<SyncTrigger>(r.TriggeredBy),
                r.LinkIdsJson is null ? null : SyncSql.FromJson<List<Guid>>(r.LinkIdsJson, []),
                r.RequestedAt))
            .ToList();
    }

    public async Task<bool> AnyAsync(Guid connectorId, CancellationToken ct = default) =>
        await connections.ExecuteScalarAsync<long>(AnySql, new { ConnectorId = connectorId }, ct) > 0;

    private sealed class RequestRow
    {
        public Guid Id { get; init; }
        public Guid ConnectorId { get; init; }
        public string TriggeredBy { get; init; } = "";
        public string? LinkIdsJson { get; init; }
        public DateTimeOffset RequestedAt { get; init; }
    }
}
