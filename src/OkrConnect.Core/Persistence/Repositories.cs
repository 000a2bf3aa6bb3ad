using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Persistence;

// Repository contracts at the core boundary; Dapper implementations live in OkrConnect.Storage beside their SQL.
// Every method is one unit of work: writes that span rows are atomic inside the implementation.

public interface ICycleRepository
{
    Task InsertAsync(Cycle cycle, CancellationToken ct = default);
    Task<Cycle?> GetAsync(Guid id, CancellationToken ct = default);
    Task<Page<Cycle>> ListAsync(int offset, int limit, CancellationToken ct = default);
    Task UpdateAsync(Cycle cycle, CancellationToken ct = default);
}

public interface IObjectiveRepository
{
    Task InsertAsync(Objective objective, CancellationToken ct = default);
    Task<Objective?> GetAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<Objective>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default);
    Task<IReadOnlyList<Objective>> ListByParentKeyResultAsync(Guid keyResultId, CancellationToken ct = default);
    Task UpdateAsync(Objective objective, CancellationToken ct = default);
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

public interface IKeyResultRepository
{
    Task InsertAsync(KeyResult keyResult, CancellationToken ct = default);
    Task<KeyResult?> GetAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<KeyResult>> ListByObjectiveAsync(Guid objectiveId, CancellationToken ct = default);
    Task<IReadOnlyList<KeyResult>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default);
    Task UpdateAsync(KeyResult keyResult, CancellationToken ct = default);
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

public interface ILinkRepository
{
    Task InsertAsync(Link link, CancellationToken ct = default);
    Task<Link?> GetAsync(Guid id, CancellationToken ct = default);
    Task<IReadOnlyList<Link>> ListByKeyResultAsync(Guid keyResultId, CancellationToken ct = default);

    /// <summary>
    /// <see cref="ListByKeyResultAsync"/> for many key results in a few queries: every requested key result is a key,
    /// its links in the same order (oldest first), an empty list when it has none.
    /// </summary>
    Task<IReadOnlyDictionary<Guid, IReadOnlyList<Link>>> ListByKeyResultsAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default);
    Task<IReadOnlyList<Link>> ListByConnectorAsync(Guid connectorId, CancellationToken ct = default);
    Task UpdateAsync(Link link, CancellationToken ct = default);
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

/// <summary>Connector settings plus their secrets, which are stored only in protected (encrypted) form.</summary>
public interface IConnectorRepository
{
    Task InsertAsync(ConnectorConfig connector, ProtectedSecrets secrets, CancellationToken ct = default);
    Task<ConnectorConfig?> GetAsync(Guid id, CancellationToken ct = default);
    Task<Page<ConnectorConfig>> ListAsync(int offset, int limit, CancellationToken ct = default);

    /// <summary>Updates settings; a null secret in <paramref name="secrets"/> keeps the stored one, <see cref="ProtectedSecrets.Clear"/> removes it.</summary>
    Task UpdateAsync(ConnectorConfig connector, ProtectedSecrets secrets, CancellationToken ct = default);
    Task<ProtectedSecrets> GetSecretsAsync(Guid id, CancellationToken ct = default);
    Task DeleteAsync(Guid id, CancellationToken ct = default);
}

/// <summary>Ciphertexts of a connector's credentials and webhook secret (never plaintext).</summary>
public sealed record ProtectedSecrets(string? Credentials, string? WebhookSecret)
{
    /// <summary>Marker value meaning "remove the stored secret".</summary>
    public const string Clear = "\0clear";

    public static ProtectedSecrets Unchanged { get; } = new(null, null);
}

public interface ICheckInRepository
{
    Task InsertAsync(CheckIn checkIn, CancellationToken ct = default);
    Task<Page<CheckIn>> ListByKeyResultAsync(Guid keyResultId, int offset, int limit, CancellationToken ct = default);
    Task<CheckIn?> GetLatestAsync(Guid keyResultId, CancellationToken ct = default);

    /// <summary>The latest check-in of each of the given key results.</summary>
    Task<IReadOnlyDictionary<Guid, CheckIn>> GetLatestAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default);
}

/// <summary>
/// The last complete progress of each link, and the history of every key result's progress.
/// Values are fractions in [0, 1]; null means "no work yet". The breakdown is stored as JSON.
/// </summary>
public interface IProgressRepository
{
    Task UpsertLinkProgressAsync(LinkProgressRecord record, CancellationToken ct = default);

    /// <summary><see cref="UpsertLinkProgressAsync(LinkProgressRecord, CancellationToken)"/> for many links, a chunk of them per short transaction.</summary>
    Task UpsertLinkProgressAsync(IReadOnlyCollection<LinkProgressRecord> records, CancellationToken ct = default);
    Task<IReadOnlyList<LinkProgressRecord>> ListLinkProgressAsync(IReadOnlyCollection<Guid> linkIds, CancellationToken ct = default);

    /// <summary>Appends a history entry only when the value differs from the latest one; returns whether it did.</summary>
    Task<bool> RecordKeyResultProgressAsync(ProgressHistoryEntry entry, CancellationToken ct = default);

    /// <summary>
    /// <see cref="RecordKeyResultProgressAsync(ProgressHistoryEntry, CancellationToken)"/> for many entries, in order,
    /// a chunk of them per short transaction; returns, for each entry, whether it was appended.
    /// </summary>
    Task<IReadOnlyList<bool>> RecordKeyResultProgressAsync(IReadOnlyList<ProgressHistoryEntry> entries, CancellationToken ct = default);
    Task<IReadOnlyList<ProgressHistoryEntry>> ListHistoryAsync(Guid keyResultId, DateTimeOffset? since, CancellationToken ct = default);
}

public sealed record LinkProgressRecord(
    Guid LinkId,
    double? Value,
    string BreakdownJson,
    DateTimeOffset ComputedAt,
    DateTimeOffset? LastSyncedAt,
    bool Stale,
    string? LastError);

public sealed record ProgressHistoryEntry(
    Guid KeyResultId,
    double? Value,
    string BreakdownJson,
    string Source,
    DateTimeOffset RecordedAt);

/// <summary>People and service accounts known to the embedded token issuer.</summary>
public interface IAccountRepository
{
    Task InsertAsync(Account account, CancellationToken ct = default);
    Task<Account?> GetAsync(Guid id, CancellationToken ct = default);
    Task<Account?> GetBySubjectAsync(string subject, CancellationToken ct = default);
    Task<Page<Account>> ListAsync(int offset, int limit, CancellationToken ct = default);
    Task<bool> AnyAdminAsync(CancellationToken ct = default);
    Task UpdateAsync(Account account, CancellationToken ct = default);
}
