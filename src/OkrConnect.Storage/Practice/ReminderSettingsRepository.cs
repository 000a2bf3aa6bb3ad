using System.Data.Common;
using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Practice;

/// <summary>A team's reminder settings and channels; channels are replaced as a set so a PATCH is one transaction.</summary>
public sealed class ReminderSettingsRepository(DatabaseConnectionFactory connections) : IReminderSettingsRepository
{
    private const string InsertSettingsSql = """
        INSERT INTO reminder_settings (team, locale, enabled, check_in_due_days, planning_days_before, review_days_before, at_risk_alerts, tracker_comments, created_at, updated_at)
        VALUES (@Team, @Locale, @Enabled, @CheckInDueDays, @PlanningDaysBefore, @ReviewDaysBefore, @AtRiskAlerts, @TrackerComments, @CreatedAt, @UpdatedAt)
        ON CONFLICT (team) DO NOTHING
        """;

    private const string UpdateSettingsSql = """
        UPDATE reminder_settings
        SET locale = @Locale,
            enabled = @Enabled,
            check_in_due_days = @CheckInDueDays,
            planning_days_before = @PlanningDaysBefore,
            review_days_before = @ReviewDaysBefore,
            at_risk_alerts = @AtRiskAlerts,
            tracker_comments = @TrackerComments,
            updated_at = @UpdatedAt
        WHERE team = @Team
        """;

    private const string SelectSettings = """
        SELECT team, locale, enabled, check_in_due_days, planning_days_before, review_days_before, at_risk_alerts, tracker_comments, created_at, updated_at
        FROM reminder_settings
        """;

    private const string GetSql = SelectSettings + " WHERE team = @Team";

    private const string ListEnabledSql = SelectSettings + " WHERE enabled = @Enabled ORDER BY team";

    private const string ListChannelsSql = """
        SELECT id, team, kind, name, webhook_url_protected, secret_protected, created_at
        FROM reminder_channels
        WHERE team = @Team
        ORDER BY created_at, id
        """;

    private const string UpsertChannelSql = """
        INSERT INTO reminder_channels (id, team, kind, name, webhook_url_protected, secret_protected, created_at)
        VALUES (@Id, @Team, @Kind, @Name, @ProtectedWebhookUrl, @ProtectedSecret, @CreatedAt)
        ON CONFLICT (id) DO UPDATE SET
            kind = excluded.kind,
            name = excluded.name,
            webhook_url_protected = excluded.webhook_url_protected,
            secret_protected = excluded.secret_protected
        """;

    private const string DeleteChannelSql = "DELETE FROM reminder_channels WHERE id = @Id AND team = @Team";

    public Task<bool> InsertAsync(ReminderSettings settings, IReadOnlyList<ReminderChannel> channels, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                var inserted = await connection.ExecuteAsync(new CommandDefinition(InsertSettingsSql, SettingsRow.From(settings), transaction, cancellationToken: ct));
                if (inserted == 0)
                {
                    return false;
                }

                await UpsertChannelsAsync(connection, transaction, channels, ct);
                return true;
            },
            ct);

    public async Task<ReminderSettings?> GetAsync(string team, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<SettingsRow>(new CommandDefinition(GetSql, new { Team = team }, cancellationToken: ct));
        return row?.ToSettings();
    }

    public async Task<IReadOnlyList<ReminderChannel>> ListChannelsAsync(string team, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<ChannelRow>(new CommandDefinition(ListChannelsSql, new { Team = team }, cancellationToken: ct));
        return rows.Select(r => r.ToChannel()).ToList();
    }

    public Task UpdateAsync(ReminderSettings settings, IReadOnlyList<ReminderChannel>? channels, CancellationToken ct = default) =>
        connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                await connection.ExecuteAsync(new CommandDefinition(UpdateSettingsSql, SettingsRow.From(settings), transaction, cancellationToken: ct));
                if (channels is null)
                {
                    return true;
                }

                var current = await connection.QueryAsync<ChannelRow>(new CommandDefinition(ListChannelsSql, new { settings.Team }, transaction, cancellationToken: ct));
                var kept = channels.Select(c => c.Id).ToHashSet();
                foreach (var gone in current.Where(c => !kept.Contains(c.Id)))
                {
                    await connection.ExecuteAsync(new CommandDefinition(DeleteChannelSql, new { gone.Id, settings.Team }, transaction, cancellationToken: ct));
                }

                await UpsertChannelsAsync(connection, transaction, channels, ct);
                return true;
            },
            ct);

    public async Task<IReadOnlyList<ReminderSettings>> ListEnabledAsync(CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<SettingsRow>(new CommandDefinition(ListEnabledSql, new { Enabled = true }, cancellationToken: ct));
        return rows.Select(r => r.ToSettings()).ToList();
    }

    private static async Task UpsertChannelsAsync(DbConnection connection, DbTransaction transaction, IReadOnlyList<ReminderChannel> channels, CancellationToken ct)
    {
        foreach (var channel in channels)
        {
            await connection.ExecuteAsync(new CommandDefinition(UpsertChannelSql, channel, transaction, cancellationToken: ct));
        }
    }

    private sealed class SettingsRow
    {
        public string Team { get; init; } = "";
        public string Locale { get; init; } = "";
        public bool Enabled { get; init; }
        public int? CheckInDueDays { get; init; }
        public int? PlanningDaysBefore { get; init; }
        public int? ReviewDaysBefore { get; init; }
        public bool AtRiskAlerts { get; init; }
        public bool TrackerComments { get; init; }
        public DateTimeOffset CreatedAt { get; init; }
        public DateTimeOffset UpdatedAt { get; init; }

        public static SettingsRow From(ReminderSettings s) => new()
        {
            Team = s.Team,
            Locale = s.Locale,
            Enabled = s.Enabled,
            CheckInDueDays = s.Policy.CheckInDueDays,
            PlanningDaysBefore = s.Policy.PlanningDaysBefore,
            ReviewDaysBefore = s.Policy.ReviewDaysBefore,
            AtRiskAlerts = s.Policy.AtRiskAlerts,
            TrackerComments = s.Policy.TrackerComments,
            CreatedAt = s.CreatedAt,
            UpdatedAt = s.UpdatedAt,
        };

        public ReminderSettings ToSettings() => new(
            Team, Locale, Enabled, new ReminderPolicy(CheckInDueDays, PlanningDaysBefore, ReviewDaysBefore, AtRiskAlerts, TrackerComments), CreatedAt, UpdatedAt);
    }

    private sealed class ChannelRow
    {
        public Guid Id { get; init; }
        public string Team { get; init; } = "";
        public string Kind { get; init; } = "";
        public string? Name { get; init; }
        public string WebhookUrlProtected { get; init; } = "";
        public string? SecretProtected { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public ReminderChannel ToChannel() => new(Id, Team, Kind, Name, WebhookUrlProtected, SecretProtected, CreatedAt);
    }
}
