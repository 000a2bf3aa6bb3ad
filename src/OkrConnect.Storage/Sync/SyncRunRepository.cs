using Dapper;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Sync;

/// <summary>Sync runs, newest first per connector; errors and rate-limit headers are JSON documents.</summary>
public sealed class SyncRunRepository(DatabaseConnectionFactory connections) : ISyncRunRepository
{
    private const string InsertSql = """
        INSERT INTO sync_runs (id, connector_id, triggered_by, started_at, finished_at, api_calls, items_fetched, writes_made, errors_json, rate_limit_json, status, pending_writes)
        VALUES (@Id, @ConnectorId, @TriggeredBy, @StartedAt, @FinishedAt, @ApiCalls, @ItemsFetched, @WritesMade, @ErrorsJson, @RateLimitJson, @Status, @PendingWrites)
        """;

    private const string UpdateSql = """
        UPDATE sync_runs
        SET finished_at = @FinishedAt,
            api_calls = @ApiCalls,
            items_fetched = @ItemsFetched,
            writes_made = @WritesMade,
            errors_json = @ErrorsJson,
            rate_limit_json = @RateLimitJson,
            status = @Status,
            pending_writes = @PendingWrites
        WHERE id = @Id
        """;

    private const string ListSql = """
        SELECT COUNT(*) FROM sync_runs WHERE connector_id = @ConnectorId;

        SELECT id, connector_id, triggered_by, started_at, finished_at, api_calls, items_fetched, writes_made, errors_json, rate_limit_json, status, pending_writes
        FROM sync_runs
        WHERE connector_id = @ConnectorId
        ORDER BY started_at DESC, id
        LIMIT @Limit OFFSET @Offset;
        """;

    private const string PruneSql = """
        DELETE FROM sync_runs WHERE started_at < @StartedBefore AND status <> 'running'
        """;

    public async Task InsertAsync(SyncRun run, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(InsertSql, SyncRunRow.From(run), cancellationToken: ct));
    }

    public async Task UpdateAsync(SyncRun run, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(UpdateSql, SyncRunRow.From(run), cancellationToken: ct));
    }

    public async Task<Page<SyncRun>> ListByConnectorAsync(Guid connectorId, int offset, int limit, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await using var results = await connection.QueryMultipleAsync(new CommandDefinition(
            ListSql, new { ConnectorId = connectorId, Offset = offset, Limit = limit }, cancellationToken: ct));
        var total = await results.ReadSingleAsync<long>();
        var rows = await results.ReadAsync<SyncRunRow>();
        return new Page<SyncRun>(rows.Select(r => r.ToRun()).ToList(), offset, limit, total);
    }

    public async Task<int> PruneAsync(DateTimeOffset startedBefore, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(PruneSql, new { StartedBefore = startedBefore }, cancellationToken: ct));
    }

    private sealed class SyncRunRow
    {
        public Guid Id { get; init; }
        public Guid ConnectorId { get; init; }
        public string TriggeredBy { get; init; } = "";
        public DateTimeOffset StartedAt { get; init; }
        public DateTimeOffset? FinishedAt { get; init; }
        public int ApiCalls { get; init; }
        public int ItemsFetched { get; init; }
        public int WritesMade { get; init; }
        public string ErrorsJson { get; init; } = "[]";
        public string RateLimitJson { get; init; } = "{}";
        public string Status { get; init; } = "";
        public int PendingWrites { get; init; }

        public static SyncRunRow From(SyncRun run) => new()
        {
            Id = run.Id,
            ConnectorId = run.ConnectorId,
            TriggeredBy = DbEnum.ToText(run.Trigger),
            StartedAt = run.StartedAt,
            FinishedAt = run.FinishedAt,
            ApiCalls = run.ApiCalls,
            ItemsFetched = run.ItemsFetched,
            WritesMade = run.WritesMade,
            ErrorsJson = SyncSql.ToJson(run.Errors),
            RateLimitJson = SyncSql.ToJson(run.RateLimit),
            Status = DbEnum.ToText(run.Status),
            PendingWrites = run.PendingWrites,
        };

        public SyncRun ToRun() => new(
            Id,
            ConnectorId,
            DbEnum.Parse<SyncTrigger>(TriggeredBy),
            StartedAt,
            FinishedAt,
            ApiCalls,
            ItemsFetched,
            WritesMade,
            SyncSql.FromJson<List<string>>(ErrorsJson, []),
            SyncSql.FromJson<Dictionary<string, string>>(RateLimitJson, []),
            DbEnum.Parse<SyncRunStatus>(Status),
            PendingWrites);
    }
}
