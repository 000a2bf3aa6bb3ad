using OkrConnect.Core.Alignment;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Core.Practice;

/// <summary>
/// The connector a set of sightings came from, and every target key any link of it uses (any cycle, any key result).
/// <see cref="Containers"/> is what the tracker listed as updated since the cycle start (null: not asked, the connector
/// cannot list, or the listing failed with <see cref="ListingError"/>).
/// </summary>
public sealed record ConnectorCoverage(
    ConnectorConfig Connector,
    IReadOnlySet<string> LinkedTargetKeys,
    IReadOnlyList<ParentSighting> Sightings,
    IReadOnlyList<ContainerSummary>? Containers = null,
    string? ListingError = null,
    string? ListingErrorCategory = null);

/// <param name="Objectives">The cycle's objectives the caller may see; their key results are the ones judged.</param>
/// <param name="Graph">Those objectives with their key results, and every objective aligned to them (visible or not) with theirs.</param>
/// <param name="Links">The links of the work key results judged.</param>
public sealed record CoverageInput(
    Cycle Cycle,
    IReadOnlyList<Objective> Objectives,
    AlignmentGraph Graph,
    Func<Objective, bool> CanSee,
    IReadOnlyDictionary<Guid, IReadOnlyList<Link>> Links,
    IReadOnlyDictionary<Guid, LinkProgressRecord> LinkProgress,
    IReadOnlyList<ConnectorCoverage> Connectors);

/// <summary>Coverage of a cycle (the "is there work behind every key result?" check).</summary>
public static class CoverageRules
{
    public const string OrphanSource =
        "stored work items: parents of issues the sync engine fetched under linked targets (query links such as JQL, labels or "
        + "milestones reveal them); and, for enabled connectors that can list them (Jira), the epics the tracker reports as "
        + "updated since the cycle start, as the connector's account sees them. For other connectors (GitHub) an epic none of "
        + "whose issues was ever fetched under any link is not known here.";

    public static CoverageReport Evaluate(CoverageInput input)
    {
        var withoutWork = new List<UncoveredKeyResult>();
        var withoutChildren = new List<UncoveredKeyResult>();
        var failing = new List<FailingLink>();
        var mismatches = new List<MetricTargetMismatch>();

        foreach (var objective in input.Objectives)
        {
            foreach (var keyResult in input.Graph.KeyResultsOf(objective.Id).OrderBy(k => k.CreatedAt).ThenBy(k => k.Id))
            {
                var aligned = input.Graph.ObjectivesAlignedTo(keyResult.Id);
                switch (keyResult.Measure)
                {
                    case MeasureKind.Work:
                        var links = input.Links.GetValueOrDefault(keyResult.Id) ?? [];
                        if (links.Count == 0)
                        {
                            withoutWork.Add(Uncovered(keyResult, objective, CoverageReasons.NoLinks));
                        }

                        failing.AddRange(FailingLinksOf(keyResult, links, input.LinkProgress));
                        break;
                    case MeasureKind.Children when aligned.Count == 0:
                        withoutWork.Add(Uncovered(keyResult, objective, CoverageReasons.NoChildObjectives));
                        break;
                    case MeasureKind.Children when aligned.All(child => input.Graph.KeyResultsOf(child.Id).Count == 0):
                        withoutChildren.Add(Uncovered(keyResult, objective, CoverageReasons.ChildrenHaveNoKeyResults));
                        break;
                }

                if (MetricMismatch(keyResult, aligned, input) is { } mismatch)
                {
                    mismatches.Add(mismatch);
                }
            }
        }

        return new CoverageReport(
            input.Cycle.Id, withoutWork, failing, withoutChildren, mismatches, new OrphanEpics(OrphanSource, Orphans(input), ListingFailures(input)));
    }

    /// <summary>Targets of metric key results add up when their sum equals the parent's target (relative tolerance 1e-9).</summary>
    public static bool AddsUp(double target, double sum) =>
        Math.Abs(target - sum) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(target), Math.Abs(sum)));

    private static MetricTargetMismatch? MetricMismatch(KeyResult keyResult, IReadOnlyList<Objective> aligned, CoverageInput input)
    {
        if (keyResult.Measure != MeasureKind.Metric || keyResult.MetricTarget is not { } target || aligned.Count == 0)
        {
            return null;
        }

        var children = aligned
            .SelectMany(child => input.Graph.KeyResultsOf(child.Id).Select(kr => (Objective: child, KeyResult: kr)))
            .Where(c => c.KeyResult.Measure == MeasureKind.Metric
                && c.KeyResult.MetricTarget is not null
                && SameUnit(c.KeyResult.Unit, keyResult.Unit))
            .ToList();
        if (children.Count == 0)
        {
            return null;
        }

        var sum = children.Sum(c => c.KeyResult.MetricTarget!.Value);
        if (AddsUp(target, sum))
        {
            return null;
        }

        var shown = children.Where(c => input.CanSee(c.Objective))
            .Select(c => new ChildMetricTarget(c.KeyResult.Id, c.Objective.Id, c.KeyResult.Title, c.KeyResult.MetricTarget!.Value))
            .ToList();
        return new MetricTargetMismatch(keyResult.Id, keyResult.Title, keyResult.Unit, target, sum, sum - target, shown, children.Count - shown.Count);
    }

    private static IEnumerable<FailingLink> FailingLinksOf(KeyResult keyResult, IReadOnlyList<Link> links, IReadOnlyDictionary<Guid, LinkProgressRecord> progress) =>
        links.Select(link => (link, record: progress.GetValueOrDefault(link.Id)))
            .Where(x => x.record?.LastError is not null)
            .Select(x => new FailingLink(
                x.link.Id, keyResult.Id, keyResult.Title, x.link.ConnectorId, x.link.TargetKind, x.link.TargetKey, x.link.TargetTitle,
                x.record!.LastError!, x.record.Stale, x.record.LastSyncedAt));

    private static List<ConnectorOrphans> Orphans(CoverageInput input)
    {
        var from = new DateTimeOffset(input.Cycle.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(input.Cycle.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var result = new List<ConnectorOrphans>();
        foreach (var connector in input.Connectors)
        {
            // Tracker keys are case-insensitive in practice (Jira keys are upper case, GitHub owner/repo is not case-sensitive).
            var linked = new HashSet<string>(connector.LinkedTargetKeys, StringComparer.OrdinalIgnoreCase);
            var byKey = new Dictionary<string, OrphanEpic>(StringComparer.OrdinalIgnoreCase);
            foreach (var g in connector.Sightings
                .Where(s => s.UpdatedAt >= from && s.UpdatedAt < to && !linked.Contains(s.ParentExternalId))
                .GroupBy(s => s.ParentExternalId, StringComparer.OrdinalIgnoreCase))
            {
                byKey[g.Key] = new OrphanEpic(
                    g.Key,
                    g.Select(s => s.ItemExternalId).Distinct(StringComparer.Ordinal).Count(),
                    g.Max(s => s.UpdatedAt),
                    g.Select(s => s.TargetKey).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList(),
                    [OrphanSources.StoredWork],
                    null,
                    null);
            }

            // The tracker listed these as updated since the cycle start: no lower bound to apply, and no upper bound
            // either (an epic updated during the cycle and again after it is still one the cycle touched).
            foreach (var container in connector.Containers ?? [])
            {
                var key = container.Target.Key;
                if (linked.Contains(key))
                {
                    continue;
                }

                byKey[key] = byKey.TryGetValue(key, out var stored)
                    ? stored with
                    {
                        LastUpdatedAt = container.Updated > stored.LastUpdatedAt ? container.Updated : stored.LastUpdatedAt,
                        Sources = [OrphanSources.StoredWork, OrphanSources.Tracker],
                        Title = container.Title,
                        Url = container.Url,
                    }
                    : new OrphanEpic(key, 0, container.Updated, [], [OrphanSources.Tracker], container.Title, container.Url);
            }

            var epics = byKey.Values
                .OrderByDescending(e => e.LastUpdatedAt).ThenBy(e => e.ExternalId, StringComparer.Ordinal)
                .ToList();
            if (epics.Count > 0)
            {
                result.Add(new ConnectorOrphans(
                    connector.Connector.Id, connector.Connector.Name, connector.Connector.Kind, epics, connector.Containers is not null));
            }
        }

        return result;
    }

    private static List<ContainerListingFailure> ListingFailures(CoverageInput input) =>
        input.Connectors
            .Where(c => c.ListingError is not null)
            .Select(c => new ContainerListingFailure(c.Connector.Id, c.Connector.Name, c.Connector.Kind, c.ListingError!, c.ListingErrorCategory))
            .ToList();

    private static bool SameUnit(string? a, string? b) =>
        string.Equals(a?.Trim(), b?.Trim(), StringComparison.OrdinalIgnoreCase);

    private static UncoveredKeyResult Uncovered(KeyResult keyResult, Objective objective, string reason) =>
        new(keyResult.Id, objective.Id, keyResult.Title, objective.Title, keyResult.Measure, reason);
}
