using Dapper;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Scoring;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Practice;

/// <summary>
/// Scores at close. Closing is a conditional state change plus the scores in one transaction: the UPDATE matches only a
/// cycle that is not closed yet, so two racing closes record one set of scores and the loser learns it lost.
/// </summary>
public sealed class KeyResultScoreRepository(DatabaseConnectionFactory connections) : IKeyResultScoreRepository
{
    private const string CloseSql = """
        UPDATE cycles
        SET state = 'closed', closed_at = @ClosedAt
        WHERE id = @Id AND state <> 'closed'
        """;

    private const string InsertSql = """
        INSERT INTO key_result_scores (key_result_id, cycle_id, objective_id, type, weight, progress_at_close, computed, scored_at)
        VALUES (@KeyResultId, @CycleId, @ObjectiveId, @Type, @Weight, @ProgressAtClose, @Computed, @ScoredAt)
        ON CONFLICT (key_result_id) DO NOTHING
        """;

    private const string Columns = """
        key_result_id, cycle_id, objective_id, type, weight, progress_at_close, computed, adjusted, adjustment_reason,
        adjusted_by, adjusted_at, scored_at
        """;

    private const string ListByCycleSql = $"""
        SELECT {Columns} FROM key_result_scores WHERE cycle_id = @CycleId ORDER BY objective_id, key_result_id
        """;

    private const string GetSql = $"SELECT {Columns} FROM key_result_scores WHERE key_result_id = @KeyResultId";

    private const string AdjustSql = """
        UPDATE key_result_scores
        SET adjusted = @Adjusted, adjustment_reason = @Reason, adjusted_by = @AdjustedBy, adjusted_at = @AdjustedAt
        WHERE key_result_id = @KeyResultId
        """;

    public Task<bool> CloseCycleAsync(Cycle closed, IReadOnlyList<KeyResultScoreRecord> scores, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                var changed = await connection.ExecuteAsync(new CommandDefinition(
                    CloseSql, new { closed.Id, closed.ClosedAt }, transaction, cancellationToken: ct));
                if (changed == 0)
                {
                    return false;
                }

                foreach (var score in scores)
                {
                    await connection.ExecuteAsync(new CommandDefinition(InsertSql, ScoreRow.From(score), transaction, cancellationToken: ct));
                }

                return true;
            },
            ct);

    public async Task<IReadOnlyList<KeyResultScoreRecord>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<ScoreRow>(new CommandDefinition(ListByCycleSql, new { CycleId = cycleId }, cancellationToken: ct));
        return rows.Select(r => r.ToRecord()).ToList();
    }

    public async Task<KeyResultScoreRecord?> GetAsync(Guid keyResultId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<ScoreRow>(new CommandDefinition(GetSql, new { KeyResultId = keyResultId }, cancellationToken: ct));
        return row?.ToRecord();
    }

    public async Task AdjustAsync(Guid keyResultId, double adjusted, string reason, string adjustedBy, DateTimeOffset adjustedAt, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            AdjustSql,
            new { KeyResultId = keyResultId, Adjusted = adjusted, Reason = reason, AdjustedBy = adjustedBy, AdjustedAt = adjustedAt },
            cancellationToken: ct));
    }

    private sealed class ScoreRow
    {
        public Guid KeyResultId { get; init; }
        public Guid CycleId { get; init; }
        public Guid ObjectiveId { get; init; }
        public string Type { get; init; } = "";
        public double Weight { get; init; }
        public double? ProgressAtClose { get; init; }
        public double? Computed { get; init; }
        public double? Adjusted { get; init; }
        public string? AdjustmentReason { get; init; }
        public string? AdjustedBy { get; init; }
        public DateTimeOffset? AdjustedAt { get; init; }
        public DateTimeOffset ScoredAt { get; init; }

        public static ScoreRow From(KeyResultScoreRecord record) => new()
        {
            KeyResultId = record.Score.KeyResultId,
            CycleId = record.CycleId,
            ObjectiveId = record.ObjectiveId,
            Type = DbEnum.ToText(record.Score.Type),
            Weight = record.Score.Weight,
            ProgressAtClose = record.Score.ProgressAtClose,
            Computed = record.Score.Computed,
            ScoredAt = record.ScoredAt,
        };

        public KeyResultScoreRecord ToRecord() => new(
            new KeyResultScore(KeyResultId, DbEnum.Parse<KeyResultType>(Type), Weight, ProgressAtClose, Computed, Adjusted, AdjustmentReason),
            CycleId,
            ObjectiveId,
            ScoredAt,
            AdjustedBy,
            AdjustedAt);
    }
}
