using System.Text.Json;
using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Practice;

/// <summary>One row per key result: at risk or not at the last evaluation, and when that last changed.</summary>
public sealed class KeyResultRiskStateRepository(DatabaseConnectionFactory connections) : IKeyResultRiskStateRepository
{
    private const string GetSqlite = """
        SELECT key_result_id, at_risk FROM key_result_risk_states
        WHERE key_result_id IN (SELECT value FROM json_each(@Ids))
        """;

    private const string GetPostgres = """
        SELECT key_result_id, at_risk FROM key_result_risk_states
        WHERE key_result_id = ANY(@Ids)
        """;

    // INSERT … SELECT so a key result deleted since the evaluation loaded it is skipped instead of failing the batch;
    // SQLite needs the WHERE on such a SELECT anyway to parse the upsert.
    private const string SaveSql = """
        INSERT INTO key_result_risk_states (key_result_id, at_risk, reasons_json, evaluated_at, changed_at)
        SELECT @KeyResultId, @AtRisk, @ReasonsJson, @EvaluatedAt, @EvaluatedAt
        WHERE EXISTS (SELECT 1 FROM key_results WHERE id = @KeyResultId)
        ON CONFLICT (key_result_id) DO UPDATE SET
            changed_at = CASE WHEN key_result_risk_states.at_risk = excluded.at_risk
                              THEN key_result_risk_states.changed_at ELSE excluded.evaluated_at END,
            at_risk = excluded.at_risk,
            reasons_json = excluded.reasons_json,
            evaluated_at = excluded.evaluated_at
        """;

    public async Task<IReadOnlyDictionary<Guid, bool>> GetAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default)
    {
        if (keyResultIds.Count == 0)
        {
            return new Dictionary<Guid, bool>();
        }

        var sql = connections.Dialect.Pick(sqlite: GetSqlite, postgres: GetPostgres);
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<StateRow>(new CommandDefinition(
            sql, new { Ids = connections.Dialect.IdList(keyResultIds.Distinct()) }, cancellationToken: ct));
        return rows.ToDictionary(r => r.KeyResultId, r => r.AtRisk);
    }

    public Task SaveAsync(IReadOnlyList<KeyResultRiskState> states, DateTimeOffset evaluatedAt, CancellationToken ct = default) =>
        states.Count == 0
            ? Task.CompletedTask
            : connections.InWriteTransactionAsync(
                async (connection, transaction) =>
                {
                    foreach (var state in states)
                    {
                        await connection.ExecuteAsync(new CommandDefinition(
                            SaveSql,
                            new { state.KeyResultId, state.AtRisk, ReasonsJson = JsonSerializer.Serialize(state.ReasonCodes), EvaluatedAt = evaluatedAt },
                            transaction,
                            cancellationToken: ct));
                    }

                    return true;
                },
                ct);

    private sealed class StateRow
    {
        public Guid KeyResultId { get; init; }
        public bool AtRisk { get; init; }
    }
}
