using System.Globalization;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Core.Progress;

/// <summary>A link's last value computed from a complete fetch.</summary>
public sealed record LastCompleteProgress(double? Value, DateTimeOffset ComputedAt)
{
    public static LastCompleteProgress From(LinkProgressRecord record) => new(record.Value, record.ComputedAt);
}

/// <summary>
/// What to show and store for a link after a fetch. <see cref="StoreFresh"/> is false for a partial result: the
/// caller keeps the stored row and only marks it stale with <see cref="StaleReason"/>.
/// </summary>
public sealed record LinkProgressDecision(double? Value, bool StoreFresh, bool Stale, string? StaleReason);

/// <summary>A fetch cut short is never the new truth: the last complete value stays, marked stale (docs/okr-semantics.md).</summary>
public static class PartialFetchRule
{
    public static LinkProgressDecision Decide(ProgressBreakdown fresh, LastCompleteProgress? lastComplete)
    {
        if (!fresh.Partial)
        {
            return new LinkProgressDecision(fresh.Value, StoreFresh: true, Stale: false, StaleReason: null);
        }

        var why = fresh.PartialReason ?? "the fetch was cut short";
        return lastComplete is null
            ? new LinkProgressDecision(null, false, true, $"{why}; no complete fetch yet")
            : new LinkProgressDecision(
                lastComplete.Value,
                false,
                true,
                string.Create(CultureInfo.InvariantCulture, $"{why}; showing the value of {lastComplete.ComputedAt.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
    }
}
