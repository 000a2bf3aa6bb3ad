using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

public sealed class CycleRepository(DatabaseConnectionFactory connections) : ICycleRepository
{
    private const string InsertSql = """
        INSERT INTO cycles (id, name, start_date, end_date, state, created_at, closed_at)
        VALUES (@Id, @Name, @StartDate, @EndDate, @State, @CreatedAt, @ClosedAt)
        """;

    private const string GetSql = """
        SELECT id, name, start_date, end_date, state, created_at, closed_at
        FROM cycles
        WHERE id = @Id
        """;

    // Newest period first; the id breaks ties so pages never overlap.
    private const string ListSql = """
        SELECT COUNT(*) FROM cycles;

        SELECT id, name, start_date, end_date, state, created_at, closed_at
        FROM cycles
        ORDER BY start_date DESC, id
        LIMIT @Limit OFFSET @Offset;
        """;

    private const string UpdateSql = """
        UPDATE cycles
        SET name = @Name,
            start_date = @StartDate,
            end_date = @EndDate,
            state = @State,
            closed_at = @ClosedAt
        WHERE id = @Id
        """;

    public async Task InsertAsync(Cycle cycle, CancellationToken ct = default) =>
        await connections.ExecuteAsync(InsertSql, CycleRow.From(cycle), ct);

    public async Task<Cycle?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<CycleRow>(GetSql, new { Id = id }, ct))?.ToCycle();

    public Task<Page<Cycle>> ListAsync(int offset, int limit, CancellationToken ct = default) =>
        connections.PageAsync<CycleRow, Cycle>(ListSql, new { }, offset, limit, row => row.ToCycle(), ct);

    public async Task UpdateAsync(Cycle cycle, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpdateSql, CycleRow.From(cycle), ct);

    private sealed class CycleRow
    {
        public Guid Id { get; init; }
        public string Name { get; init; } = "";
        public DateOnly StartDate { get; init; }
        public DateOnly EndDate { get; init; }
        public string State { get; init; } = "";
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset? ClosedAt { get; init; }

        public static CycleRow From(Cycle cycle) => new()
        {
            Id = cycle.Id,
            Name = cycle.Name,
            StartDate = cycle.StartDate,
            EndDate = cycle.EndDate,
            State = DbEnum.ToText(cycle.State),
            CreatedAt = cycle.CreatedAt,
            ClosedAt = cycle.ClosedAt,
        };

        public Cycle ToCycle() =>
            new(Id, Name, StartDate, EndDate, DbEnum.Parse<CycleState>(State), CreatedAt, ClosedAt);
    }
}
