using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Practice;

/// <summary>
/// Where a cycle's key results have nothing (or nothing healthy) behind them. Only what the caller may see is named;
/// hidden aligned objectives are counted, never described.
/// </summary>
public sealed record CoverageReport(
    Guid CycleId,
    IReadOnlyList<UncoveredKeyResult> KeyResultsWithoutWork,
    IReadOnlyList<FailingLink> FailingLinks,
    IReadOnlyList<UncoveredKeyResult> DecomposedWithoutChildren,
    IReadOnlyList<MetricTargetMismatch> MetricTargetMismatches,
    OrphanEpics OrphanEpics);

/// <summary>Stable codes of <see cref="UncoveredKeyResult.Reason"/>.</summary>
public static class CoverageReasons
{
    /// <summary>A work key result without links.</summary>
    public const string NoLinks = "no-links";

    /// <summary>A children key result no objective aligns to.</summary>
    public const string NoChildObjectives = "no-child-objectives";

    /// <summary>A children key result whose aligned objectives have no key results, so nothing can roll up.</summary>
    public const string ChildrenHaveNoKeyResults = "children-have-no-key-results";
}

public sealed record UncoveredKeyResult(Guid KeyResultId, Guid ObjectiveId, string Title, string ObjectiveTitle, MeasureKind Measure, string Reason);

/// <summary>A link whose last fetch failed (<see cref="LastError"/>), so its value is the last complete one.</summary>
public sealed record FailingLink(
    Guid LinkId,
    Guid KeyResultId,
    string KeyResultTitle,
    Guid ConnectorId,
    string TargetKind,
    string TargetKey,
    string? TargetTitle,
    string LastError,
    bool Stale,
    DateTimeOffset? LastSyncedAt);

/// <summary>
/// A metric key result whose aligned objectives' metric key results (same unit) aim at targets that do not add up to
/// its own target. <see cref="ChildrenTargetSum"/> includes hidden children, which are only counted.
/// </summary>
public sealed record MetricTargetMismatch(
    Guid KeyResultId,
    string Title,
    string? Unit,
    double Target,
    double ChildrenTargetSum,
    double Difference,
    IReadOnlyList<ChildMetricTarget> Children,
    int HiddenChildren);

public sealed record ChildMetricTarget(Guid KeyResultId, Guid ObjectiveId, string Title, double Target);

/// <summary>
/// Parent issues (epics) updated during the cycle that no key result links to. Two sources, named per epic in
/// <see cref="OrphanEpic.Sources"/>: work stored by the sync engine (<see cref="OrphanSources.StoredWork"/>), and, for
/// connectors that can list them (<c>ConnectorCapabilities.ListContainers</c>), the tracker itself
/// (<see cref="OrphanSources.Tracker"/>). <see cref="Source"/> says what that knowledge covers and what it cannot see;
/// <see cref="ListingFailures"/> names each connector the tracker listing could not be read from (its orphans, if any,
/// then come from stored work only).
/// </summary>
public sealed record OrphanEpics(string Source, IReadOnlyList<ConnectorOrphans> Connectors, IReadOnlyList<ContainerListingFailure> ListingFailures);

/// <summary>Stable codes of <see cref="OrphanEpic.Sources"/>.</summary>
public static class OrphanSources
{
    /// <summary>The parent of stored work items fetched under linked targets.</summary>
    public const string StoredWork = "stored-work";

    /// <summary>Listed by the tracker as updated since the cycle start.</summary>
    public const string Tracker = "tracker";
}

/// <param name="ListedByTracker">Whether this connector's tracker listing was read (false: stored work only).</param>
public sealed record ConnectorOrphans(Guid ConnectorId, string Name, string Kind, IReadOnlyList<OrphanEpic> Epics, bool ListedByTracker);

/// <summary>
/// An unlinked epic. <see cref="ItemCount"/> and <see cref="SeenUnder"/> come from stored work (0 and empty when only the
/// tracker listed it); <see cref="Title"/> and <see cref="Url"/> only from the tracker listing.
/// </summary>
public sealed record OrphanEpic(
    string ExternalId,
    int ItemCount,
    DateTimeOffset LastUpdatedAt,
    IReadOnlyList<string> SeenUnder,
    IReadOnlyList<string> Sources,
    string? Title,
    string? Url);

/// <summary>A connector whose tracker could not list its epics for coverage, and why.</summary>
public sealed record ContainerListingFailure(Guid ConnectorId, string Name, string Kind, string Error, string? Category);

/// <summary>
/// One stored work item (not a sub-task) with a parent, found under a target the caller may see, and when its stored
/// state last changed.
/// </summary>
public sealed record ParentSighting(Guid ConnectorId, string ItemExternalId, string ParentExternalId, DateTimeOffset UpdatedAt, string TargetKind, string TargetKey);
