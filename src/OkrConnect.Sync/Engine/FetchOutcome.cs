using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// What one target's fetch gave: every item (complete) or an error; an incomplete result is never the truth.
/// <see cref="Unchanged"/>: the tracker confirmed the stored items (no items here). <see cref="Version"/>: the
/// connector's token for what was read, stored with the items.
/// </summary>
public sealed record TargetOutcome(TargetRef Target, bool Complete, IReadOnlyList<WorkItem> Items, string? Error, string? Version = null, bool Unchanged = false);

/// <summary>
/// The result of fetching many targets in batches, and what it cost. Not thread-safe: batches fetched concurrently
/// each record into their own and are merged in batch order (<see cref="Merge"/>), which keeps the result deterministic.
/// </summary>
public sealed class FetchOutcome
{
    private readonly Dictionary<TargetRef, TargetOutcome> targets = new(TargetRefComparer.Instance);

    public IReadOnlyCollection<TargetOutcome> Targets => targets.Values;

    public int ApiCalls { get; private set; }

    public int ItemsFetched { get; private set; }

    public Dictionary<string, string> RateLimit { get; } = new(StringComparer.OrdinalIgnoreCase);

    public List<string> Errors { get; } = [];

    /// <summary>Set when the tracker said "later" (rate limit, outage): the run makes no further calls.</summary>
    public TrackerFailure? StoppedBy { get; private set; }

    /// <summary>
    /// The first authentication failure met (401/403): the connector itself is marked with it, not only its links.
    /// </summary>
    public TrackerFailure? CredentialsRejected { get; private set; }

    public void RejectCredentials(TrackerFailure failure) => CredentialsRejected ??= failure;

    public TargetOutcome? Find(TargetRef target) => targets.GetValueOrDefault(target);

    public void Record(IReadOnlyList<TargetRef> asked, FetchResult result)
    {
        ApiCalls += result.ApiCalls;
        foreach (var (key, value) in result.RateLimit)
        {
            RateLimit[key] = value;
        }

        var answered = new Dictionary<TargetRef, TargetItems>(TargetRefComparer.Instance);
        foreach (var items in result.Targets)
        {
            answered[items.Target] = items;
        }

        foreach (var target in asked)
        {
            if (!answered.TryGetValue(target, out var items))
            {
                Fail(target, "the connector returned nothing for this target");
                continue;
            }

            ItemsFetched += items.Items.Count;
            if (items.Complete)
            {
                targets[target] = new TargetOutcome(target, true, items.Items, null, items.Version, items.Unchanged);
            }
            else
            {
                var error = items.Error ?? "the fetch was cut short";
                // Connectors that go on with the other targets name the category first ("Authentication: …").
                if (error.StartsWith(nameof(TrackerErrorCategory.Authentication) + ": ", StringComparison.Ordinal))
                {
                    RejectCredentials(new TrackerFailure(TrackerErrorCategory.Authentication, error[(nameof(TrackerErrorCategory.Authentication).Length + 2)..]));
                }

                Fail(target, error);
            }
        }
    }

    public void Fail(TargetRef target, string error)
    {
        targets[target] = new TargetOutcome(target, false, [], error);
        Errors.Add($"{target.Kind} {target.Key}: {error}");
    }

    public void Stop(TrackerFailure failure) => StoppedBy ??= failure;

    /// <summary>
    /// Lets go of the items once they are stored, keeping what each target's fetch came to: a run over 100,000 items
    /// then holds one batch of them at a time, not all.
    /// </summary>
    public void ReleaseItems()
    {
        foreach (var outcome in targets.Values.Where(t => t.Items.Count > 0).ToList())
        {
            targets[outcome.Target] = outcome with { Items = [] };
        }
    }

    public void CountCalls(int calls) => ApiCalls += calls;

    /// <summary>
    /// Adds what another outcome recorded (one batch of a concurrent fetch), as if it had been recorded here: targets,
    /// errors in their order, calls, items, the rate-limit headers it saw last, the first stop and credential refusal.
    /// Not thread-safe, like the rest of this class: concurrent batches each fill their own and are merged in order.
    /// </summary>
    public void Merge(FetchOutcome other)
    {
        ApiCalls += other.ApiCalls;
        ItemsFetched += other.ItemsFetched;
        foreach (var (key, value) in other.RateLimit)
        {
            RateLimit[key] = value;
        }

        foreach (var (target, outcome) in other.targets)
        {
            targets[target] = outcome;
        }

        Errors.AddRange(other.Errors);
        if (other.StoppedBy is { } stop)
        {
            Stop(stop);
        }

        if (other.CredentialsRejected is { } rejected)
        {
            RejectCredentials(rejected);
        }
    }
}
