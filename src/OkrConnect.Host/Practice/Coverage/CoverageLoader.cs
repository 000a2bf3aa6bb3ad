using System.Text.Json;
using OkrConnect.Core.Alignment;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Host.Practice.Coverage;

/// <summary>
/// Loads a cycle's key results as the caller may see them, the objectives aligned to them, their links and link state,
/// and the sync engine's stored work behind the links, for Core's <see cref="CoverageRules"/>. Every enabled connector
/// that declares <see cref="ConnectorCapabilities.ListContainers"/> is also asked for the epics updated since the cycle
/// start; one that fails is reported in the coverage (<see cref="OrphanEpics.ListingFailures"/>), never as a 500.
/// </summary>
public sealed class CoverageLoader(
    IObjectiveRepository objectives,
    IKeyResultRepository keyResults,
    ILinkRepository links,
    IProgressRepository progress,
    IConnectorRepository connectors,
    IWorkSightingRepository sightings,
    ConnectorCatalog catalog,
    ConnectorContextLoader contexts,
    ILogger<CoverageLoader> logger)
{
    private const int ConnectorPageSize = 200;

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
        var result = new Dictionary<Guid, ConnectorCoverage>();
        foreach (var group in visibleLinks.GroupBy(l => l.ConnectorId))
        {
            if (await connectors.GetAsync(group.Key, ct) is not { } connector)
            {
                continue;
            }

            var linkedKeys = await LinkedKeysAsync(connector.Id, ct);
            var visibleTargets = group.Select(l => (l.TargetKind, l.TargetKey)).ToHashSet();
            var seen = (await sightings.ListParentSightingsAsync(connector.Id, from, to, ct))
                .Where(s => visibleTargets.Contains((s.TargetKind, s.TargetKey)))
                .ToList();
            result[connector.Id] = new ConnectorCoverage(connector, linkedKeys, seen);
        }

        foreach (var connector in await ListingConnectorsAsync(ct))
        {
            var coverage = result.GetValueOrDefault(connector.Id) ?? new ConnectorCoverage(connector, await LinkedKeysAsync(connector.Id, ct), []);
            result[connector.Id] = await WithListingAsync(coverage, from, ct);
        }

        return result.Values.ToList();
    }

    private async Task<IReadOnlySet<string>> LinkedKeysAsync(Guid connectorId, CancellationToken ct) =>
        (await links.ListByConnectorAsync(connectorId, ct)).Select(l => l.TargetKey).ToHashSet(StringComparer.OrdinalIgnoreCase);

    /// <summary>Enabled connectors whose installed implementation declares it can list containers.</summary>
    private async Task<List<ConnectorConfig>> ListingConnectorsAsync(CancellationToken ct)
    {
        var found = new List<ConnectorConfig>();
        for (var offset = 0; ; offset += ConnectorPageSize)
        {
            var page = await connectors.ListAsync(offset, ConnectorPageSize, ct);
            found.AddRange(page.Items.Where(c => c.Enabled
                && catalog.Find(c.Kind) is { } implementation
                && implementation.Capabilities.HasFlag(ConnectorCapabilities.ListContainers)));
            if (page.Items.Count < ConnectorPageSize || offset + page.Items.Count >= page.Total)
            {
                return found;
            }
        }
    }

    private async Task<ConnectorCoverage> WithListingAsync(ConnectorCoverage coverage, DateTimeOffset since, CancellationToken ct)
    {
        var id = coverage.Connector.Id;
        try
        {
            if (await contexts.LoadAsync(id, ct) is not { Connector: IContainerListing listing } context)
            {
                return coverage with { ListingError = "the connector declares container listing but does not implement it" };
            }

            return coverage with { Containers = await listing.ListContainersUpdatedSinceAsync(context.Settings, since, ct) };
        }
        catch (TrackerException ex)
        {
            logger.LogWarning("Coverage could not list the epics of connector {ConnectorId} ({Category}): {Error}", id, ex.Category, ex.Message);
            return coverage with { ListingError = ex.Message, ListingErrorCategory = JsonNamingPolicy.KebabCaseLower.ConvertName(ex.Category.ToString()) };
        }
        catch (Exception ex) when (!ct.IsCancellationRequested && ex is not OutOfMemoryException)
        {
            // Settings that no longer parse, an undecryptable secret, a bug in a connector: this connector's listing only.
            logger.LogWarning(ex, "Coverage could not list the epics of connector {ConnectorId}", id);
            return coverage with { ListingError = $"the tracker could not be asked: {ex.GetType().Name}" };
        }
    }
}
