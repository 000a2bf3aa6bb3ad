using OkrConnect.Core.Progress;

namespace OkrConnect.Core.Persistence;

/// <summary>
/// The manual progress value of a work key result, at most one per key result. It holds until the sync engine detects a
/// change in the linked work and clears it (<see cref="ManualProgressRule"/>).
/// </summary>
public interface IManualProgressRepository
{
    /// <summary>Sets or replaces the key result's manual value.</summary>
    Task SetAsync(ManualProgressRecord record, CancellationToken ct = default);

    Task<ManualProgressRecord?> GetAsync(Guid keyResultId, CancellationToken ct = default);

    /// <summary>The manual values of those of the given key results that have one.</summary>
    Task<IReadOnlyDictionary<Guid, ManualProgressRecord>> ListAsync(IReadOnlyCollection<Guid> keyResultIds, CancellationToken ct = default);

    /// <summary>Removes the key result's manual value; returns whether there was one.</summary>
    Task<bool> ClearAsync(Guid keyResultId, CancellationToken ct = default);
}

/// <summary>A manual progress value (0–1), who set it, when and why.</summary>
public sealed record ManualProgressRecord(Guid KeyResultId, double Value, DateTimeOffset SetAt, string SetBy, string Reason)
{
    public ManualProgress ToRule() => new(Value, SetAt, SetBy);
}
