using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

/// <summary>
/// Deleting a key result deletes its links, their progress, its check-ins and its history (ON DELETE CASCADE);
/// objectives aligned to it stay and become top-level (ON DELETE SET NULL).
/// </summary>
public sealed class KeyResultRepository(DatabaseConnectionFactory connections) : IKeyResultRepository
{
    private const string InsertSql = """
        INSERT INTO key_results (id, objective_id, title, owner, type, weight, measure, metric_start, metric_target, metric_current, unit, created_at)
        VALUES (@Id, @ObjectiveId, @Title, @Owner, @Type, @Weight, @Measure, @MetricStart, @MetricTarget, @MetricCurrent, @Unit, @CreatedAt)
        """;

    private const string GetSql = """
        SELECT id, objective_id, title, owner, type, weight, measure, metric_start, metric_target, metric_current, unit, created_at
        FROM key_results
        WHERE id = @Id
        """;

    private const string ListByObjectiveSql = """
        SELECT id, objective_id, title, owner, type, weight, measure, metric_start, metric_target, metric_current, unit, created_at
        FROM key_results
        WHERE objective_id = @ObjectiveId
        ORDER BY created_at, id
        """;

    private const string ListByCycleSql = """
        SELECT kr.id, kr.objective_id, kr.title, kr.owner, kr.type, kr.weight, kr.measure,
               kr.metric_start, kr.metric_target, kr.metric_current, kr.unit, kr.created_at
        FROM key_results kr
        JOIN objectives o ON o.id = kr.objective_id
        WHERE o.cycle_id = @CycleId
        ORDER BY kr.created_at, kr.id
        """;

    private const string UpdateSql = """
        UPDATE key_results
        SET objective_id = @ObjectiveId,
            title = @Title,
            owner = @Owner,
            type = @Type,
            weight = @Weight,
            measure = @Measure,
            metric_start = @MetricStart,
            metric_target = @MetricTarget,
            metric_current = @MetricCurrent,
            unit = @Unit
        WHERE id = @Id
        """;

    private const string DeleteSql = "DELETE FROM key_results WHERE id = @Id";

    public async Task InsertAsync(KeyResult keyResult, CancellationToken ct = default) =>
        await connections.ExecuteAsync(InsertSql, KeyResultRow.From(keyResult), ct);

    public async Task<KeyResult?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<KeyResultRow>(GetSql, new { Id = id }, ct))?.ToKeyResult();

    public async Task<IReadOnlyList<KeyResult>> ListByObjectiveAsync(Guid objectiveId, CancellationToken ct = default) =>
        await connections.QueryAsync<KeyResultRow, KeyResult>(ListByObjectiveSql, new { ObjectiveId = objectiveId }, row => row.ToKeyResult(), ct);

    public async Task<IReadOnlyList<KeyResult>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default) =>
        await connections.QueryAsync<KeyResultRow, KeyResult>(ListByCycleSql, new { CycleId = cycleId }, row => row.ToKeyResult(), ct);

    public async Task UpdateAsync(KeyResult keyResult, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpdateSql, KeyResultRow.From(keyResult), ct);

    public async Task DeleteAsync(Guid id, CancellationToken ct = default) =>
        await connections.ExecuteAsync(DeleteSql, new { Id = id }, ct);

    private sealed class KeyResultRow
    {
        public Guid Id { get; init; }
        public Guid ObjectiveId { get; init; }
        public string Title { get; init; } = "";
        public string Owner { get; init; } = "";
        public string Type { get; init; } = "";
        public double Weight { get; init; }
        public string Measure { get; init; } = "";
        public double? MetricStart { get; init; }
        public double? MetricTarget { get; init; }
        public double? MetricCurrent { get; init; }
        public string? Unit { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static KeyResultRow From(KeyResult keyResult) => new()
        {
            Id = keyResult.Id,
            ObjectiveId = keyResult.ObjectiveId,
            Title = keyResult.Title,
            Owner = keyResult.Owner,
            Type = DbEnum.ToText(keyResult.Type),
            Weight = keyResult.Weight,
            Measure = DbEnum.ToText(keyResult.Measure),
            MetricStart = keyResult.MetricStart,
            MetricTarget = keyResult.MetricTarget,
            MetricCurrent = keyResult.MetricCurrent,
            Unit = keyResult.Unit,
            CreatedAt = keyResult.CreatedAt,
        };

        public KeyResult ToKeyResult() => new(
            Id,
            ObjectiveId,
            Title,
            Owner,
            DbEnum.Parse<KeyResultType>(Type),
            Weight,
            DbEnum.Parse<MeasureKind>(Measure),
            MetricStart,
            MetricTarget,
            MetricCurrent,
            Unit,
            CreatedAt);
    }
}
