using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

/// <summary>Deleting an objective deletes its key results and everything under them (ON DELETE CASCADE).</summary>
public sealed class ObjectiveRepository(DatabaseConnectionFactory connections) : IObjectiveRepository
{
    private const string InsertSql = """
        INSERT INTO objectives (id, cycle_id, title, description, level, owner, team, visibility, parent_key_result_id, weight, created_at)
        VALUES (@Id, @CycleId, @Title, @Description, @Level, @Owner, @Team, @Visibility, @ParentKeyResultId, @Weight, @CreatedAt)
        """;

    private const string GetSql = """
        SELECT id, cycle_id, title, description, level, owner, team, visibility, parent_key_result_id, weight, created_at
        FROM objectives
        WHERE id = @Id
        """;

    private const string ListByCycleSql = """
        SELECT id, cycle_id, title, description, level, owner, team, visibility, parent_key_result_id, weight, created_at
        FROM objectives
        WHERE cycle_id = @CycleId
        ORDER BY created_at, id
        """;

    private const string ListByParentKeyResultSql = """
        SELECT id, cycle_id, title, description, level, owner, team, visibility, parent_key_result_id, weight, created_at
        FROM objectives
        WHERE parent_key_result_id = @KeyResultId
        ORDER BY created_at, id
        """;

    private const string UpdateSql = """
        UPDATE objectives
        SET cycle_id = @CycleId,
            title = @Title,
            description = @Description,
            level = @Level,
            owner = @Owner,
            team = @Team,
            visibility = @Visibility,
            parent_key_result_id = @ParentKeyResultId,
            weight = @Weight
        WHERE id = @Id
        """;

    private const string DeleteSql = "DELETE FROM objectives WHERE id = @Id";

    public async Task InsertAsync(Objective objective, CancellationToken ct = default) =>
        await connections.ExecuteAsync(InsertSql, ObjectiveRow.From(objective), ct);

    public async Task<Objective?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<ObjectiveRow>(GetSql, new { Id = id }, ct))?.ToObjective();

    public async Task<IReadOnlyList<Objective>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default) =>
        await connections.QueryAsync<ObjectiveRow, Objective>(ListByCycleSql, new { CycleId = cycleId }, row => row.ToObjective(), ct);

    public async Task<IReadOnlyList<Objective>> ListByParentKeyResultAsync(Guid keyResultId, CancellationToken ct = default) =>
        await connections.QueryAsync<ObjectiveRow, Objective>(ListByParentKeyResultSql, new { KeyResultId = keyResultId }, row => row.ToObjective(), ct);

    public async Task UpdateAsync(Objective objective, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpdateSql, ObjectiveRow.From(objective), ct);

    public async Task DeleteAsync(Guid id, CancellationToken ct = default) =>
        await connections.ExecuteAsync(DeleteSql, new { Id = id }, ct);

    private sealed class ObjectiveRow
    {
        public Guid Id { get; init; }
        public Guid CycleId { get; init; }
        public string Title { get; init; } = "";
        public string? Description { get; init; }
        public string Level { get; init; } = "";
        public string Owner { get; init; } = "";
        public string? Team { get; init; }
        public string Visibility { get; init; } = "";
        public Guid? ParentKeyResultId { get; init; }
        public double Weight { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static ObjectiveRow From(Objective objective) => new()
        {
            Id = objective.Id,
            CycleId = objective.CycleId,
            Title = objective.Title,
            Description = objective.Description,
            Level = DbEnum.ToText(objective.Level),
            Owner = objective.Owner,
            Team = objective.Team,
            Visibility = DbEnum.ToText(objective.Visibility),
            ParentKeyResultId = objective.ParentKeyResultId,
            Weight = objective.Weight,
            CreatedAt = objective.CreatedAt,
        };

        public Objective ToObjective() => new(
            Id,
            CycleId,
            Title,
            Description,
            DbEnum.Parse<ObjectiveLevel>(Level),
            Owner,
            Team,
            DbEnum.Parse<Visibility>(Visibility),
            ParentKeyResultId,
            Weight,
            CreatedAt);
    }
}
