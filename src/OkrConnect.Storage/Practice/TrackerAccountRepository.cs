using Dapper;
using OkrConnect.Core.Practice;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Practice;

/// <summary>Subject → tracker account per connector (migration 0007), for the owner mentions of reminder comments.</summary>
public sealed class TrackerAccountRepository(DatabaseConnectionFactory connections) : ITrackerAccountRepository
{
    private const string Columns = "connector_id, subject, account, updated_by, updated_at";

    private const string UpsertSql = $"""
        INSERT INTO tracker_accounts ({Columns})
        VALUES (@ConnectorId, @Subject, @Account, @UpdatedBy, @UpdatedAt)
        ON CONFLICT (connector_id, subject) DO UPDATE SET
            account = excluded.account,
            updated_by = excluded.updated_by,
            updated_at = excluded.updated_at
        """;

    private const string GetSql = $"SELECT {Columns} FROM tracker_accounts WHERE connector_id = @ConnectorId AND subject = @Subject";

    private const string ListSql = $"SELECT {Columns} FROM tracker_accounts WHERE connector_id = @ConnectorId";

    private const string DeleteSql = "DELETE FROM tracker_accounts WHERE connector_id = @ConnectorId AND subject = @Subject";

    public async Task UpsertAsync(TrackerAccount account, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        await connection.ExecuteAsync(new CommandDefinition(UpsertSql, account, cancellationToken: ct));
    }

    public async Task<TrackerAccount?> GetAsync(Guid connectorId, string subject, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var row = await connection.QuerySingleOrDefaultAsync<AccountRow>(new CommandDefinition(
            GetSql, new { ConnectorId = connectorId, Subject = subject }, cancellationToken: ct));
        return row?.ToAccount();
    }

    public async Task<IReadOnlyList<TrackerAccount>> ListAsync(Guid connectorId, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        var rows = await connection.QueryAsync<AccountRow>(new CommandDefinition(ListSql, new { ConnectorId = connectorId }, cancellationToken: ct));

        // Sorted here, not by the database: SQLite and PostgreSQL collate text differently.
        return rows.Select(r => r.ToAccount()).OrderBy(a => a.Subject, StringComparer.Ordinal).ToList();
    }

    public async Task<bool> DeleteAsync(Guid connectorId, string subject, CancellationToken ct = default)
    {
        await using var connection = await connections.OpenAsync(ct);
        return await connection.ExecuteAsync(new CommandDefinition(
            DeleteSql, new { ConnectorId = connectorId, Subject = subject }, cancellationToken: ct)) > 0;
    }

    private sealed class AccountRow
    {
        public Guid ConnectorId { get; init; }
        public string Subject { get; init; } = "";
        public string Account { get; init; } = "";
        public string UpdatedBy { get; init; } = "";
        public DateTimeOffset UpdatedAt { get; init; }

        public TrackerAccount ToAccount() => new(ConnectorId, Subject, Account, UpdatedBy, UpdatedAt);
    }
}
