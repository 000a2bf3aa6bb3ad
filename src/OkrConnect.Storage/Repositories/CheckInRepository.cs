using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

/// <summary>Check-ins are listed newest first; "latest" is the newest by time, then by id for equal times.</summary>
public sealed class CheckInRepository(DatabaseConnectionFactory connections) : ICheckInRepository
{
    private const string InsertSql = """
        INSERT INTO check_ins (id, key_result_id, author, confidence, status, note, blockers, next_steps, metric_value, created_at)
        VALUES (@Id, @KeyResultId, @Author, @Confidence, @Status, @Note, @Blockers, @NextSteps, @MetricValue, @CreatedAt)
        """;

    private const string ListByKeyResultSql = """
        SELECT COUNT(*) FROM check_ins WHERE key_result_id = @KeyResultId;

        SELECT id, key_result_id, author, confidence, status, note, blockers, next_steps, metric_value, created_at
        FROM check_ins
        WHERE key_result_id = @KeyResultId
        ORDER BY created_at DESC, id DESC
        LIMIT @Limit OFFSET @Offset;
        """;

    private const string GetLatestSql = """
        SELECT id, key_result_id, author, confidence, status, note, blockers, next_steps, metric_value, created_at
        FROM check_ins
        WHERE key_result_id = @KeyResultId
        ORDER BY created_at DESC, id DESC
        LIMIT 1
        """;

    // The same query on both engines except for how the list of ids arrives (see SqlDialect.IdList).
    private const string GetLatestOfManySqlite = """
        SELECT id, key_result_id, author, confidence, status, note, blockers, next_steps, metric_value, created_at
        FROM (
            SELECT c.*, ROW_NUMBER() OVER (PARTITION BY key_result_id ORDER BY created_at DESC, id DESC) AS position
            FROM check_ins c
            WHERE key_result_id IN (SELECT value FROM json_each(@KeyResultIds))
        ) ranked
        WHERE position = 1
        """;

    private const string GetLatestOfManyPostgres = """
        SELECT id, key_result_id, author, confidence, status, note, blockers, next_steps, metric_value, created_at
        FROM (
            SELECT c.*, ROW_NUMBER() OVER (PARTITION BY key_result_id ORDER BY created_at DESC, id DESC) AS position
            FROM check_ins c
            WHERE key_result_id = ANY(@KeyResultIds)
        ) ranked
        WHERE position = 1
        """;

    public async Task InsertAsync(CheckIn checkIn, CancellationToken ct = default) =>
        await connections.ExecuteAsync(InsertSql, CheckInRow.From(checkIn), ct);

    public Task<Page<CheckIn>> ListByKeyResultAsync(Guid keyResultId, int offset, int limit, CancellationToken ct = default) =>
        connections.PageAsync<CheckInRow, CheckIn>(ListByKeyResultSql, new { KeyResultId = keyResultId }, offset, limit, row => row.ToCheckIn(), ct);

    public async Task<CheckIn?> GetLatestAsync(Guid keyResultId, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<CheckInRow>(GetLatestSql, new { KeyResultId = keyResultId }, ct))?.ToCheckIn();

    public async Task<IReadOnlyDictionary<Guid, CheckIn>> GetLatestAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default)
    {
        if (keyResultIds.Count == 0)
        {
            return new Dictionary<Guid, CheckIn>();
        }

        var sql = connections.Dialect.Pick(sqlite: GetLatestOfManySqlite, postgres: GetLatestOfManyPostgres);
        var parameters = new { KeyResultIds = connections.Dialect.IdList(keyResultIds.Distinct()) };

        var rows = await connections.QueryAsync<CheckInRow>(sql, parameters, ct);
        return rows.Select(row => row.ToCheckIn()).ToDictionary(checkIn => checkIn.KeyResultId);
    }

    private sealed class CheckInRow
    {
        public Guid Id { get; init; }
        public Guid KeyResultId { get; init; }
        public string Author { get; init; } = "";
        public int Confidence { get; init; }
        public string Status { get; init; } = "";
        public string? Note { get; init; }
        public string? Blockers { get; init; }
        public string? NextSteps { get; init; }
        public double? MetricValue { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static CheckInRow From(CheckIn checkIn) => new()
        {
            Id = checkIn.Id,
            KeyResultId = checkIn.KeyResultId,
            Author = checkIn.Author,
            Confidence = checkIn.Confidence,
            Status = DbEnum.ToText(checkIn.Status),
            Note = checkIn.Note,
            Blockers = checkIn.Blockers,
            NextSteps = checkIn.NextSteps,
            MetricValue = checkIn.MetricValue,
            CreatedAt = checkIn.CreatedAt,
        };

        public CheckIn ToCheckIn() => new(
            Id,
            KeyResultId,
            Author,
            Confidence,
            DbEnum.Parse<CheckInStatus>(Status),
            Note,
            Blockers,
            NextSteps,
            MetricValue,
            CreatedAt);
    }
}
