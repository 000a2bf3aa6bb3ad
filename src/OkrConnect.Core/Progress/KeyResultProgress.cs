using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>
/// One link's fetched work. <see cref="TargetOwnId"/> is the external id of the link's epic/parent issue (which never
/// counts itself); when null the link's <see cref="Link.TargetKey"/> is used, which is harmless for query targets.
/// </summary>
public sealed record LinkFetch(
    Link Link,
    IReadOnlyList<WorkItem> Items,
    DateTimeOffset FetchedAt,
    bool Complete = true,
    string? Error = null,
    string? TargetOwnId = null)
{
    public static LinkFetch From(Link link, TargetItems fetched, DateTimeOffset fetchedAt) =>
        new(link, fetched.Items, fetchedAt, fetched.Complete, fetched.Error);

    internal string OwnId => TargetOwnId ?? Link.TargetKey;
}

/// <summary>
/// A link's part in its key result. <see cref="Value"/> is what rolls up (the last complete value when this fetch was
/// partial); <see cref="Breakdown"/> is what this fetch found.
/// </summary>
public sealed record LinkProgress(
    Guid LinkId,
    double Weight,
    double? Value,
    bool Stale,
    string? StaleReason,
    ProgressBreakdown Breakdown);

/// <summary>A work key result's progress: the weighted mean of its links' values; null when no link has work yet.</summary>
public sealed record KeyResultProgress(double? Value, bool Stale, IReadOnlyList<LinkProgress> Links);
