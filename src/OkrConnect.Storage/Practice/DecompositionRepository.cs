using Dapper;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Practice;

/// <summary>
/// Decomposition in one transaction: the key result's measure becomes children and the new objectives aligned to it are
/// inserted, or nothing is. The cycle is re-checked inside the transaction (and share-locked on PostgreSQL) so a close
/// that raced the request wins cleanly.
/// </summary>
public sealed class DecompositionRepository(DatabaseConnectionFactory connections) : IDecompositionRepository
{
    private const string CycleStateSqlite = """
        SELECT c.state
        FROM key_results k
        JOIN objectives o ON o.id = k.objective_id
        JOIN cycles c ON c.id = o.cycle_id
        WHERE k.id = @Id
        """;

    private const string CycleStatePostgres = """
        SELECT c.state
        FROM key_results k
        JOIN objectives o ON o.id = k.objective_id
        JOIN cycles c ON c.id = o.cycle_id
        WHERE k.id = @Id
        FOR SHARE OF c
        """;

    private const string UpdateKeyResultSql = """
        UPDATE key_results
        SET measure = @Measure,
            metric_start = @MetricStart,
            metric_target = @MetricTarget,
            metric_current = @MetricCurrent,
            unit = @Unit
        WHERE id = @Id
        """;

    private const string InsertObjectiveSql = """
        INSERT INTO objectives (id, cycle_id, title, description, level, owner, team, visibility, parent_key_result_id, weight, created_at)
        VALUES (@Id, @CycleId, @Title, @Description, @Level, @Owner, @Team, @Visibility, @ParentKeyResultId, @Weight, @CreatedAt)
        """;

    public Task<bool> DecomposeAsync(KeyResult decomposed, IReadOnlyList<Objective> children, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                var stateSql = connections.Dialect.Pick(sqlite: CycleStateSqlite, postgres: CycleStatePostgres);
                var state = await connection.QuerySingleOrDefaultAsync<string>(new CommandDefinition(stateSql, new { decomposed.Id }, transaction, cancellationToken: ct));
                if (state is null || state == DbEnum.ToText(CycleState.Closed))
                {
                    return false;
                }

                await connection.ExecuteAsync(new CommandDefinition(
                    UpdateKeyResultSql,
                    new
                    {
                        decomposed.Id,
                        Measure = DbEnum.ToText(decomposed.Measure),
                        decomposed.MetricStart,
                        decomposed.MetricTarget,
                        decomposed.MetricCurrent,
                        decomposed.Unit,
                    },
                    transaction,
                    cancellationToken: ct));

                foreach (var child in children)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        InsertObjectiveSql,
                        new
                        {
                            child.Id,
                            child.CycleId,
                            child.Title,
                            child.Description,
                            Level = DbEnum.ToText(child.Level),
                            child.Owner,
                            child.Team,
                            Visibility = DbEnum.ToText(child.Visibility),
                            child.ParentKeyResultId,
                            child.Weight,
                            child.CreatedAt,
                        },
                        transaction,
                        cancellationToken: ct));
                }

                return true;
            },
            ct);
}
