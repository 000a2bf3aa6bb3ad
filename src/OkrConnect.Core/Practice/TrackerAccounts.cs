namespace OkrConnect.Core.Practice;

/// <summary>
/// Who a person (an OkrConnect subject such as "alice") is on one connector's tracker: a Jira Cloud accountId, a Jira
/// Data Center user name or a GitHub login. Reminder comments mention the owner through it; without one they name the
/// owner in plain text. Set by admins.
/// </summary>
public sealed record TrackerAccount(Guid ConnectorId, string Subject, string Account, string UpdatedBy, DateTimeOffset UpdatedAt);

/// <summary>The subject → tracker account mappings, per connector (deleted with their connector). Implemented in Storage/Practice.</summary>
public interface ITrackerAccountRepository
{
    /// <summary>Inserts or replaces the mapping of <see cref="TrackerAccount.Subject"/> on its connector.</summary>
    Task UpsertAsync(TrackerAccount account, CancellationToken ct = default);

    Task<TrackerAccount?> GetAsync(Guid connectorId, string subject, CancellationToken ct = default);

    /// <summary>By subject (ordinal).</summary>
    Task<IReadOnlyList<TrackerAccount>> ListAsync(Guid connectorId, CancellationToken ct = default);

    /// <summary>Whether there was a mapping to delete.</summary>
    Task<bool> DeleteAsync(Guid connectorId, string subject, CancellationToken ct = default);
}
