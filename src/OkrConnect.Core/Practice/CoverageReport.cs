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
/// Parent issues (epics) that work stored by the sync engine points to, updated during the cycle, that no key result
/// links to. <see cref="Source"/> says where that knowledge comes from and what it cannot see.
/// </summary>
public sealed record OrphanEpics(string Source, IReadOnlyList<ConnectorOrphans> Connectors);

public sealed record ConnectorOrphans(Guid ConnectorId, string Name, string Kind, IReadOnlyList<OrphanEpic> Epics);

public sealed record OrphanEpic(string ExternalId, int ItemCount, DateTimeOffset LastUpdatedAt, IReadOnlyList<string> SeenUnder);

/// <summary>
/// One stored work item (not a sub-task) with a parent, found under a target the caller may see, and when its stored
/// state last changed.
/// </summary>
public sealed record ParentSighting(Guid ConnectorId, string ItemExternalId, string ParentExternalId, DateTimeOffset UpdatedAt, string TargetKind, string TargetKey);
