using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Mapping;

namespace OkrConnect.Storage.Repositories;

/// <summary>Accounts by id or by their unique subject; teams are a JSON array column.</summary>
public sealed class AccountRepository(DatabaseConnectionFactory connections) : IAccountRepository
{
    private const string InsertSql = """
        INSERT INTO accounts (id, subject, display_name, role, teams_json, is_service_account, secret_hash, disabled, created_at)
        VALUES (@Id, @Subject, @DisplayName, @Role, @TeamsJson, @IsServiceAccount, @SecretHash, @Disabled, @CreatedAt)
        """;

    private const string GetSql = """
        SELECT id, subject, display_name, role, teams_json, is_service_account, secret_hash, disabled, created_at
        FROM accounts
        WHERE id = @Id
        """;

    private const string GetBySubjectSql = """
        SELECT id, subject, display_name, role, teams_json, is_service_account, secret_hash, disabled, created_at
        FROM accounts
        WHERE subject = @Subject
        """;

    private const string ListSql = """
        SELECT COUNT(*) FROM accounts;

        SELECT id, subject, display_name, role, teams_json, is_service_account, secret_hash, disabled, created_at
        FROM accounts
        ORDER BY subject, id
        LIMIT @Limit OFFSET @Offset;
        """;

    // Disabled admins count too: the "first account becomes admin" bootstrap must not reopen because the last
    // admin was disabled.
    private const string AnyAdminSql = """
        SELECT EXISTS (SELECT 1 FROM accounts WHERE role = 'admin')
        """;

    private const string UpdateSql = """
        UPDATE accounts
        SET subject = @Subject,
            display_name = @DisplayName,
            role = @Role,
            teams_json = @TeamsJson,
            is_service_account = @IsServiceAccount,
            secret_hash = @SecretHash,
            disabled = @Disabled
        WHERE id = @Id
        """;

    public async Task InsertAsync(Account account, CancellationToken ct = default) =>
        await connections.ExecuteAsync(InsertSql, AccountRow.From(account), ct);

    public async Task<Account?> GetAsync(Guid id, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<AccountRow>(GetSql, new { Id = id }, ct))?.ToAccount();

    public async Task<Account?> GetBySubjectAsync(string subject, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<AccountRow>(GetBySubjectSql, new { Subject = subject }, ct))?.ToAccount();

    public Task<Page<Account>> ListAsync(int offset, int limit, CancellationToken ct = default) =>
        connections.PageAsync<AccountRow, Account>(ListSql, new { }, offset, limit, row => row.ToAccount(), ct);

    public async Task<bool> AnyAdminAsync(CancellationToken ct = default) =>
        await connections.ExecuteScalarAsync<bool>(AnyAdminSql, null, ct);

    public async Task UpdateAsync(Account account, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpdateSql, AccountRow.From(account), ct);

    private sealed class AccountRow
    {
        public Guid Id { get; init; }
        public string Subject { get; init; } = "";
        public string DisplayName { get; init; } = "";
        public string Role { get; init; } = "";
        public IReadOnlyList<string> TeamsJson { get; init; } = [];
        public bool IsServiceAccount { get; init; }
        public string? SecretHash { get; init; }
        public bool Disabled { get; init; }
        public DateTimeOffset CreatedAt { get; init; }

        public static AccountRow From(Account account) => new()
        {
            Id = account.Id,
            Subject = account.Subject,
            DisplayName = account.DisplayName,
            Role = DbEnum.ToText(account.Role),
            TeamsJson = account.Teams,
            IsServiceAccount = account.IsServiceAccount,
            SecretHash = account.SecretHash,
            Disabled = account.Disabled,
            CreatedAt = account.CreatedAt,
        };

        public Account ToAccount() => new(
            Id,
            Subject,
            DisplayName,
            DbEnum.Parse<Role>(Role),
            TeamsJson,
            IsServiceAccount,
            SecretHash,
            Disabled,
            CreatedAt);
    }
}
