using Dapper;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;
using OkrConnect.Storage.Repositories;

namespace OkrConnect.Storage.Practice;

/// <summary>
/// Reminder deliveries. The unique key (channel, kind, subject, day) is what makes evaluation safe to run twice; the
/// conditional claim is what makes two dispatchers never send the same delivery at once.
/// </summary>
public sealed class ReminderDeliveryRepository(DatabaseConnectionFactory connections) : IReminderDeliveryRepository
{
    private const string Columns = """
        id, team, channel_id, channel_kind, kind, subject_id, day, message_json, status, attempts, created_at,
        next_attempt_at, delivered_at, last_error, failure_category
        """;

    private const string InsertSql = """
        INSERT INTO reminder_deliveries (id, team, channel_id, channel_kind, kind, subject_id, day, message_json, status, attempts, created_at, next_attempt_at)
        VALUES (@Id, @Team, @ChannelId, @ChannelKind, @Kind, @SubjectId, @Day, @MessageJson, @Status, @Attempts, @CreatedAt, @NextAttemptAt)
        ON CONFLICT (channel_id, kind, subject_id, day) DO NOTHING
        """;

    private const string DueSql = """
        SELECT id
        FROM reminder_deliveries
        WHERE (status IN ('pending', 'retrying') AND next_attempt_at <= @Now)
           OR (status = 'sending' AND claimed_at < @StaleBefore)
        ORDER BY next_attempt_at, id
        LIMIT @Limit
        """;

    // The same condition again: only one claimant's UPDATE matches, the other sees no row.
    private const string ClaimSql = $"""
        UPDATE reminder_deliveries
        SET status = 'sending', claimed_at = @Now
        WHERE id = @Id
          AND ((status IN ('pending', 'retrying') AND next_attempt_at <= @Now)
            OR (status = 'sending' AND claimed_at < @StaleBefore))
        RETURNING {Columns}
        """;

    private const string DeliveredSql = """
        UPDATE reminder_deliveries
        SET status = 'delivered', attempts = @Attempts, delivered_at = @DeliveredAt, claimed_at = NULL, last_error = NULL, failure_category = NULL
        WHERE id = @Id
        """;

    private const string FailedSql = """
        UPDATE reminder_deliveries
        SET status = @Status, attempts = @Attempts, next_attempt_at = @NextAttemptAt, claimed_at = NULL,
            last_error = @LastError, failure_category = @FailureCategory
        WHERE id = @Id
        """;

    private const string ListSql = $"""
        SELECT COUNT(*) FROM reminder_deliveries WHERE team = @Team;

        SELECT {Columns}
        FROM reminder_deliveries
        WHERE team = @Team
        ORDER BY created_at DESC, id
        LIMIT @Limit OFFSET @Offset;
        """;

    private const string ListByStatusSql = $"""
        SELECT COUNT(*) FROM reminder_deliveries WHERE team = @Team AND status = @Status;

        SELECT {Columns}
        FROM reminder_deliveries
        WHERE team = @Team AND status = @Status
        ORDER BY created_at DESC, id
        LIMIT @Limit OFFSET @Offset;
        """;

    public async Task<bool> TryAddAsync(ReminderDelivery delivery, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(InsertSql, DeliveryRow.From(delivery), cancellationToken: ct)) == 1;
    }

    public async Task<IReadOnlyList<ReminderDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset staleClaimBefore, int limit, CancellationToken ct = default)
    {
        var window = new { Now = now, StaleBefore = staleClaimBefore, Limit = limit };
        await using var connection = await connections.OpenAsync(ct);
        var candidates = await connection.QueryAsync<Guid>(new CommandDefinition(DueSql, window, cancellationToken: ct));

        var claimed = new List<ReminderDelivery>();
        foreach (var id in candidates)
        {
            var row = await connection.QuerySingleOrDefaultAsync<DeliveryRow>(new CommandDefinition(
                ClaimSql, new { Id = id, Now = now, StaleBefore = staleClaimBefore }, cancellationToken: ct));
            if (row is not null)
            {
                claimed.Add(row.ToDelivery());
            }
        }

        return claimed;
    }

    public async Task MarkDeliveredAsync(Guid id, int attempts, DateTimeOffset deliveredAt, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            DeliveredSql, new { Id = id, Attempts = attempts, DeliveredAt = deliveredAt }, cancellationToken: ct));
    }

    public async Task MarkFailedAsync(Guid id, int attempts, DeliveryFailure failure, DateTimeOffset attemptedAt, DateTimeOffset? nextAttemptAt, CancellationToken ct = default)
    {
        var status = nextAttemptAt is null ? DeliveryStatus.Failed : DeliveryStatus.Retrying;
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(
            FailedSql,
            new
            {
                Id = id,
                Status = DbEnum.ToText(status),
                Attempts = attempts,

                // A failed delivery keeps the time of its last attempt, so the list shows when it gave up.
                NextAttemptAt = nextAttemptAt ?? attemptedAt,
                LastError = failure.Message,
                FailureCategory = DbEnum.ToText(failure.Category),
            },
            cancellationToken: ct));
    }

    public Task<Page<ReminderDelivery>> ListByTeamAsync(string team, DeliveryStatus? status, int offset, int limit, CancellationToken ct = default) =>
        status is { } only
            ? connections.PageAsync<DeliveryRow, ReminderDelivery>(ListByStatusSql, new { Team = team, Status = DbEnum.ToText(only) }, offset, limit, r => r.ToDelivery(), ct)
            : connections.PageAsync<DeliveryRow, ReminderDelivery>(ListSql, new { Team = team }, offset, limit, r => r.ToDelivery(), ct);

    private sealed class DeliveryRow
    {
        public Guid Id { get; init; }
        public string Team { get; init; } = "";
        public Guid ChannelId { get; init; }
        public string ChannelKind { get; init; } = "";
        public string Kind { get; init; } = "";
        public Guid SubjectId { get; init; }
        public DateOnly Day { get; init; }
        public string MessageJson { get; init; } = "";
        public string Status { get; init; } = "";
        public int Attempts { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset NextAttemptAt { get; init; }
        public DateTimeOffset? DeliveredAt { get; init; }
        public string? LastError { get; init; }
        public string? FailureCategory { get; init; }

        public static DeliveryRow From(ReminderDelivery d) => new()
        {
            Id = d.Id,
            Team = d.Team,
            ChannelId = d.ChannelId,
            ChannelKind = d.ChannelKind,
            Kind = DbEnum.ToText(d.Kind),
            SubjectId = d.SubjectId,
            Day = d.Day,
            MessageJson = d.MessageJson,
            Status = DbEnum.ToText(d.Status),
            Attempts = d.Attempts,
            CreatedAt = d.CreatedAt,
            NextAttemptAt = d.NextAttemptAt,
        };

        public ReminderDelivery ToDelivery() => new(
            Id,
            Team,
            ChannelId,
            ChannelKind,
            DbEnum.Parse<ReminderKind>(Kind),
            SubjectId,
            Day,
            MessageJson,
            DbEnum.Parse<DeliveryStatus>(Status),
            Attempts,
            CreatedAt,
            NextAttemptAt,
            DeliveredAt,
            LastError,
            FailureCategory is null ? null : DbEnum.Parse<DeliveryFailureCategory>(FailureCategory));
    }
}
