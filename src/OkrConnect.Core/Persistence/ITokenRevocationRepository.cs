namespace OkrConnect.Core.Persistence;

/// <summary>
/// Per subject, the moment before which its bearer tokens are refused: how an admin cuts off the tokens of someone who
/// left, or of a token that leaked, before they expire. Kept in the database so every server refuses them.
/// </summary>
public interface ITokenRevocationRepository
{
    /// <summary>Tokens of the subject issued at or before this moment are refused; null when none were revoked.</summary>
    Task<DateTimeOffset?> GetRevokedBeforeAsync(string subject, CancellationToken ct = default);

    /// <summary>Records a revocation, replacing the subject's earlier one.</summary>
    Task RevokeAsync(TokenRevocation revocation, CancellationToken ct = default);
}

public sealed record TokenRevocation(string Subject, DateTimeOffset RevokedBefore, string RevokedBy, DateTimeOffset RevokedAt);
