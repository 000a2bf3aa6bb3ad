using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Repositories;

/// <summary>One row per subject whose tokens were revoked: the cut-off, who revoked them and when.</summary>
public sealed class TokenRevocationRepository(DatabaseConnectionFactory connections) : ITokenRevocationRepository
{
    private const string GetSql = """
        SELECT revoked_before FROM token_revocations WHERE subject = @Subject
        """;

    private const string UpsertSql = """
        INSERT INTO token_revocations (subject, revoked_before, revoked_by, revoked_at)
        VALUES (@Subject, @RevokedBefore, @RevokedBy, @RevokedAt)
        ON CONFLICT (subject) DO UPDATE SET
            revoked_before = excluded.revoked_before,
            revoked_by = excluded.revoked_by,
            revoked_at = excluded.revoked_at
        """;

    public async Task<DateTimeOffset?> GetRevokedBeforeAsync(string subject, CancellationToken ct = default) =>
        (await connections.QuerySingleOrDefaultAsync<RevocationRow>(GetSql, new { Subject = subject }, ct))?.RevokedBefore;

    public async Task RevokeAsync(TokenRevocation revocation, CancellationToken ct = default) =>
        await connections.ExecuteAsync(UpsertSql, revocation, ct);

    private sealed class RevocationRow
    {
        public DateTimeOffset RevokedBefore { get; init; }
    }
}
