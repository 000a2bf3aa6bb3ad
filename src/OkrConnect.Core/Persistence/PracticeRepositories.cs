using OkrConnect.Core.Domain;
using OkrConnect.Core.Practice;
using OkrConnect.Core.Scoring;

namespace OkrConnect.Core.Persistence;

// Repository contracts of the OKR practice (reports, decomposition, coverage, reminders, scoring). Implementations live
// in OkrConnect.Storage/Practice beside their SQL; their tables come with migration 0003. Times are passed in.

/// <summary>A team's reminder rules. <see cref="Locale"/> is a BCP 47 tag ("en", "zh-CN").</summary>
public sealed record ReminderSettings(
    string Team,
    string Locale,
    bool Enabled,
    ReminderPolicy Policy,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt);

/// <summary>
/// Where a team's reminders go. The webhook address (which carries the platform's token) and the signing secret are
/// stored only as ciphertexts; <see cref="ProtectedSecret"/> null means "no secret".
/// </summary>
public sealed record ReminderChannel(
    Guid Id,
    string Team,
    string Kind,
    string? Name,
    string ProtectedWebhookUrl,
    string? ProtectedSecret,
    DateTimeOffset CreatedAt);

public interface IReminderSettingsRepository
{
    /// <summary>Stores the settings and channels in one transaction; false (nothing stored) when the team has settings already.</summary>
    Task<bool> InsertAsync(ReminderSettings settings, IReadOnlyList<ReminderChannel> channels, CancellationToken ct = default);

    Task<ReminderSettings?> GetAsync(string team, CancellationToken ct = default);

    Task<IReadOnlyList<ReminderChannel>> ListChannelsAsync(string team, CancellationToken ct = default);

    /// <summary>Updates the settings; a non-null <paramref name="channels"/> becomes the team's exact set of channels (by id).</summary>
    Task UpdateAsync(ReminderSettings settings, IReadOnlyList<ReminderChannel>? channels, CancellationToken ct = default);

    Task<IReadOnlyList<ReminderSettings>> ListEnabledAsync(CancellationToken ct = default);
}

public enum DeliveryStatus
{
    /// <summary>Waiting for its first attempt.</summary>
    Pending,

    /// <summary>Claimed by a dispatcher; a claim older than the dispatcher's timeout is taken over.</summary>
    Sending,

    Delivered,

    /// <summary>An attempt failed in a way worth retrying; <see cref="ReminderDelivery.NextAttemptAt"/> says when.</summary>
    Retrying,

    /// <summary>Given up: the failure needs a person, or the attempts are used up.</summary>
    Failed,
}

/// <summary>
/// One reminder for one channel. (<see cref="ChannelId"/>, <see cref="Kind"/>, <see cref="SubjectId"/>, <see cref="Day"/>)
/// is unique: at most one reminder of a kind per key result (or cycle) per day per channel. <see cref="MessageJson"/> is
/// the message composed when the reminder fell due, so retries send exactly what was due.
/// </summary>
public sealed record ReminderDelivery(
    Guid Id,
    string Team,
    Guid ChannelId,
    string ChannelKind,
    ReminderKind Kind,
    Guid SubjectId,
    DateOnly Day,
    string MessageJson,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt = null,
    string? LastError = null,
    DeliveryFailureCategory? FailureCategory = null);

public interface IReminderDeliveryRepository
{
    /// <summary>Adds the delivery unless one with the same channel, kind, subject and day exists; returns whether it did.</summary>
    Task<bool> TryAddAsync(ReminderDelivery delivery, CancellationToken ct = default);

    /// <summary>
    /// Claims up to <paramref name="limit"/> deliveries whose attempt is due (and sending claims older than
    /// <paramref name="staleClaimBefore"/>, left by a crashed dispatcher), atomically across processes.
    /// </summary>
    Task<IReadOnlyList<ReminderDelivery>> ClaimDueAsync(DateTimeOffset now, DateTimeOffset staleClaimBefore, int limit, CancellationToken ct = default);

    Task MarkDeliveredAsync(Guid id, int attempts, DateTimeOffset deliveredAt, CancellationToken ct = default);

    /// <summary>
    /// Records a failed attempt made at <paramref name="attemptedAt"/>; a null <paramref name="nextAttemptAt"/> gives up
    /// (failed), otherwise it is retried then.
    /// </summary>
    Task MarkFailedAsync(Guid id, int attempts, DeliveryFailure failure, DateTimeOffset attemptedAt, DateTimeOffset? nextAttemptAt, CancellationToken ct = default);

    /// <summary>Newest first.</summary>
    Task<Page<ReminderDelivery>> ListByTeamAsync(string team, DeliveryStatus? status, int offset, int limit, CancellationToken ct = default);
}

/// <summary>Whether each key result was at risk at the last reminder evaluation, so an alert fires when it turns at risk.</summary>
public interface IKeyResultRiskStateRepository
{
    Task<IReadOnlyDictionary<Guid, bool>> GetAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default);

    Task SaveAsync(IReadOnlyList<KeyResultRiskState> states, DateTimeOffset evaluatedAt, CancellationToken ct = default);
}

/// <summary>A key result's score as recorded at its cycle's close, and who adjusted it last.</summary>
public sealed record KeyResultScoreRecord(
    KeyResultScore Score,
    Guid CycleId,
    Guid ObjectiveId,
    DateTimeOffset ScoredAt,
    string? AdjustedBy = null,
    DateTimeOffset? AdjustedAt = null);

public interface IKeyResultScoreRepository
{
    /// <summary>
    /// Closes the cycle and records the scores in one transaction. False, with nothing written, when the cycle is gone
    /// or already closed, so closing twice cannot record scores twice.
    /// </summary>
    Task<bool> CloseCycleAsync(Cycle closed, IReadOnlyList<KeyResultScoreRecord> scores, CancellationToken ct = default);

    Task<IReadOnlyList<KeyResultScoreRecord>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default);

    Task<KeyResultScoreRecord?> GetAsync(Guid keyResultId, CancellationToken ct = default);

    /// <summary>Stores the adjusted score and its reason beside the computed one, which is never changed.</summary>
    Task AdjustAsync(Guid keyResultId, double adjusted, string reason, string adjustedBy, DateTimeOffset adjustedAt, CancellationToken ct = default);
}

/// <summary>What worked, what did not and what next, per key result, written at review time.</summary>
public sealed record Retrospective(
    Guid KeyResultId,
    string? WhatWorked,
    string? WhatDidNot,
    string? WhatNext,
    string UpdatedBy,
    DateTimeOffset UpdatedAt);

public interface IRetrospectiveRepository
{
    Task UpsertAsync(Retrospective retrospective, CancellationToken ct = default);

    Task<Retrospective?> GetAsync(Guid keyResultId, CancellationToken ct = default);

    Task<IReadOnlyList<Retrospective>> ListByCycleAsync(Guid cycleId, CancellationToken ct = default);
}

/// <summary>Decomposing a key result: new objectives aligned to it and its measure switched to children, in one transaction.</summary>
public interface IDecompositionRepository
{
    /// <summary>False, with nothing written, when the key result is gone or its cycle was closed meanwhile.</summary>
    Task<bool> DecomposeAsync(KeyResult decomposed, IReadOnlyList<Objective> children, CancellationToken ct = default);
}

/// <summary>What coverage needs from the sync engine's stored work.</summary>
public interface IWorkSightingRepository
{
    /// <summary>
    /// Stored work items of the connector that are not sub-tasks, have a parent and changed in [<paramref name="from"/>,
    /// <paramref name="to"/>), one row per target they sit under.
    /// </summary>
    Task<IReadOnlyList<ParentSighting>> ListParentSightingsAsync(Guid connectorId, DateTimeOffset from, DateTimeOffset to, CancellationToken ct = default);
}
