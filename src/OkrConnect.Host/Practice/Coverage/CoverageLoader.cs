using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;

namespace OkrConnect.Host.Practice.Coverage;

/// <summary>
/// Loads a cycle's key results as the caller may see them, the objectives aligned to them, their links and link state,
/// and the sync engine's stored work behind the links, for Core's <see cref="CoverageRules"/>.
/// </summary>
public sealed class CoverageLoader(
    IObjectiveRepository objectives,
    IKeyResultRepository keyResults,
    ILinkRepository links,
    IProgressRepository progress,
    IConnectorRepository connectors,
    IWorkSightingRepository sightings)
{
    public async Task<CoverageReport> BuildAsync(Cycle cycle, Caller caller, CancellationToken ct)
    {
        var visible = (await objectives.ListByCycleAsync(cycle.Id, ct)).Where(caller.CanSee).ToList();
        var visibleIds = visible.Select(o => o.Id).ToHashSet();
        var judged = (await keyResults.ListByCycleAsync(cycle.Id, ct)).Where(k => visibleIds.Contains(k.ObjectiveId)).ToList();

        var graphObjectives = visible.ToDictionary(o => o.Id);
        var graphKeyResults = judged.ToDictionary(k => k.Id);
        // Children of the judged key results, in any cycle and visible or not: they decide whether a key result has
        // anything below it. Visible children of this cycle already brought their key results.
        foreach (var keyResult in judged)
        {
            foreach (var child in await objectives.ListByParentKeyResultAsync(keyResult.Id, ct))
            {
                if (graphObjectives.TryAdd(child.Id, child))
                {
                    foreach (var childKeyResult in await keyResults.ListByObjectiveAsync(child.Id, ct))
                    {
                        graphKeyResults.TryAdd(childKeyResult.Id, childKeyResult);
                    }
                }
            }
        }

        var linksByKeyResult = new Dictionary<Guid, IReadOnlyList<Link>>();
        foreach (var keyResult in judged.Where(k => k.Measure == MeasureKind.Work))
        {
            linksByKeyResult[keyResult.Id] = await links.ListByKeyResultAsync(keyResult.Id, ct);
        }

        var allLinks = linksByKeyResult.Values.SelectMany(l => l).ToList();
        var records = allLinks.Count == 0
            ? new Dictionary<Guid, LinkProgressRecord>()
            : (await progress.ListLinkProgressAsync(allLinks.Select(l => l.Id).ToList(), ct)).ToDictionary(r => r.LinkId);

        var graph = new AlignmentGraph(graphObjectives.Values, graphKeyResults.Values);
        return CoverageRules.Evaluate(new CoverageInput(
            cycle, visible, graph, caller.CanSee, linksByKeyResult, records, await ConnectorsAsync(cycle, allLinks, ct)));
    }

    /// <summary>
    /// Per connector used by the visible links: every target key any link of it uses (so an epic linked elsewhere is
    /// not an orphan), and the stored work sighted under the visible links' targets only (so nothing hidden leaks).
    /// </summary>
    private async Task<List<ConnectorCoverage>> ConnectorsAsync(Cycle cycle, List<Link> visibleLinks, CancellationToken ct)
    {
        var from = new DateTimeOffset(cycle.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var to = new DateTimeOffset(cycle.EndDate.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var result = new List<ConnectorCoverage>();
        foreach (var group in visibleLinks.GroupBy(l => l.ConnectorId))
        {
            if (await connectors.GetAsync(group.Key, ct) is not { } connector)
            {
                continue;
            }

            var linkedKeys = (await links.ListByConnectorAsync(connector.Id, ct)).Select(l => l.TargetKey).ToHashSet(StringComparer.OrdinalIgnoreCase);
            var visibleTargets = group.Select(l => (l.TargetKind, l.TargetKey)).ToHashSet();
            var seen = (await sightings.ListParentSightingsAsync(connector.Id, from, to, ct))
                .Where(s => visibleTargets.Contains((s.TargetKind, s.TargetKey)))
                .ToList();
            result.Add(new ConnectorCoverage(connector, linkedKeys, seen));
        }

        return result;
    }
}
