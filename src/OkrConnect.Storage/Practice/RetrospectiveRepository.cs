using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Practice;

public sealed class RetrospectiveRepository(DatabaseConnectionFactory connections) : IRetrospectiveRepository
{
    private const string UpsertSql = """
        INSERT INTO key_result_retrospectives (key_result_id, what_worked, what_did_not, what_next, updated_by, updated_at)
        VALUES (@KeyResultId, @WhatWorked, @WhatDidNot, @WhatNext, @UpdatedBy, @UpdatedAt)
        ON CONFLICT (key_result_id) DO UPDATE SET
            what_worked = excluded.what_worked,
            what_did_not = excluded.what_did_not,
            what_next = excluded.what_next,
            updated_by = excluded.updated_by,
            updated_at = excluded.updated_at
        """;

    private const string GetSql = """
        SELECT key_result_id, what_worked, what_did_not, what_next, updated_by, updated_at
        FROM key_result_retrospectives
        WHERE key_result_id = @KeyResultId
        """;

    private const string ListByCycleSql = """
        SELECT r.key_result_id, r.what_worked, r.what_did_not, r.what_next, r.updated_by, r.updated_at
        FROM key_result_retrospectives r
        JOIN key_results k ON k.id = r.key_result_id
        JOIN objectives o ON o.id = k.objective_id
        WHERE o.cycle_id = @CycleId
        ORDER BY r.key_result_id
        """;

    public async Task UpsertAsync(Retrospective retrospective, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, retrospective, cancellationToken: ct));
    }

    public async Task<Retrospective?> GetAsync(Guid keyResultId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<RetrospectiveRow>(new CommandDefinition(GetSql, new { KeyResultId = keyResultId }, cancellationToken: ct));
        return row?.ToRetrospective();
    }

    public async Task<IReadOnlyList<Retrospective>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<RetrospectiveRow>(new CommandDefinition(ListByCycleSql, new { CycleId = cycleId }, cancellationToken: ct));
        return rows.Select(r => r.ToRetrospective()).ToList();
    }

    private sealed class RetrospectiveRow
    {
        public Guid KeyResultId { get; init; }
        public string? WhatWorked { get; init; }
        public string? WhatDidNot { get; init; }
        public string? WhatNext { get; init; }
        public string UpdatedBy { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }

        public Retrospective ToRetrospective() => new(KeyResultId, WhatWorked, WhatDidNot, WhatNext, UpdatedBy, UpdatedAt);
    }
}
