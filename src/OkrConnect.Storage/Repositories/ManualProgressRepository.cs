using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Repositories;

/// <summary>One row per key result with a manual progress value; setting again replaces it, clearing deletes it.</summary>
public sealed class ManualProgressRepository(DatabaseConnectionFactory connections) : IManualProgressRepository
{
    private const string Columns = "key_result_id, value, set_at, set_by, reason";

    private const string SetSql = """
        INSERT INTO manual_progress (key_result_id, value, set_at, set_by, reason)
        VALUES (@KeyResultId, @Value, @SetAt, @SetBy, @Reason)
        ON CONFLICT (key_result_id) DO UPDATE SET
            value = excluded.value,
            set_at = excluded.set_at,
            set_by = excluded.set_by,
            reason = excluded.reason
        """;

    private const string GetSql = $"SELECT {Columns} FROM manual_progress WHERE key_result_id = @KeyResultId";

    // The same query on both engines except for how the list of ids arrives (see SqlDialect.IdList).
    private const string ListSqlite = $"""
        SELECT {Columns} FROM manual_progress
        WHERE key_result_id IN (SELECT value FROM json_each(@Ids))
        """;

    private const string ListPostgres = $"""
        SELECT {Columns} FROM manual_progress
        WHERE key_result_id = ANY(@Ids)
        """;

    /// <summary>Ids per query of <see cref="ListAsync"/>.</summary>
    private const int IdsPerQuery = 500;

    private const string ClearSql = "DELETE FROM manual_progress WHERE key_result_id = @KeyResultId";

    public async Task SetAsync(ManualProgressRecord record, CancellationToken ct = default) =>
        await connections.ExecuteAsync(SetSql, record, ct);

    public async Task<ManualProgressRecord?> GetAsync(Guid keyResultId, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<ManualProgressRow>(GetSql, new { KeyResultId = keyResultId }, ct))?.ToRecord();

    public async Task<IReadOnlyDictionary<Guid, ManualProgressRecord>> ListAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default)
    {
        if (keyResultIds.Count == 0)
        {
            return new Dictionary<Guid, ManualProgressRecord>();
        }

        var sql = connections.Dialect.Pick(sqlite: ListSqlite, postgres: ListPostgres);
        var result = new Dictionary<Guid, ManualProgressRecord>();
        foreach (var chunk in keyResultIds.Distinct().Chunk(IdsPerQuery))
        {
            var rows = await connections.QueryAsync<ManualProgressRow>(sql, new { Ids = connections.Dialect.IdList(chunk) }, ct);
            foreach (var row in rows)
            {
                result[row.KeyResultId] = row.ToRecord();
            }
        }

        return result;
    }

    public async Task<bool> ClearAsync(Guid keyResultId, CancellationToken ct = default) =>
        await connections.ExecuteAsync(ClearSql, new { KeyResultId = keyResultId }, ct) > 0;

    private sealed class ManualProgressRow
    {
        public Guid KeyResultId { get; init; }
        public double Value { get; init; }
        public DateTimeOffset SetAt { get; init; }
        public string SetBy { get; init; } = "";
        public string Reason { get; init; } = "";

        public ManualProgressRecord ToRecord() => new(KeyResultId, Value, SetAt, SetBy, Reason);
    }
}
