using OkrConnect.Core.Alignment;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;

namespace OkrConnect.Practice.Tests.Rules;

public sealed class CoverageOrphanRulesTests
{
    private static readonly DateTimeOffset At = new(2026, 11, 10, 12, 0, 0, TimeSpan.Zero);
    private static readonly Cycle Cycle = new(Guid.NewGuid(), "Q4", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), CycleState.Active, At);
    private static readonly ConnectorConfig Jira = new(Guid.NewGuid(), "jira", "Jira", "https://jira.example.test", "{}", "en", "*/15 * * * *", true, true, false, At);

    [Fact]
    public void Tracker_listed_epics_merge_with_stored_work_and_linked_ones_are_left_out_whatever_their_case()
    {
        var sightings = new List<ParentSighting>
        {
            new(Jira.Id, "SHOP-10", "SHOP-99", At.AddDays(-1), "jira-jql", "project = SHOP"),
        };
        var listed = new List<ContainerSummary>
        {
            new(new TargetRef("jira-epic", "SHOP-99"), "Gift cards", "https://jira.example.test/browse/SHOP-99", At),
            new(new TargetRef("jira-epic", "SHOP-1"), "Checkout", "https://jira.example.test/browse/SHOP-1", At),
            new(new TargetRef("jira-epic", "SHOP-7"), "Loyalty", "https://jira.example.test/browse/SHOP-7", At.AddDays(-3)),
        };

        var report = Evaluate(new ConnectorCoverage(Jira, new HashSet<string> { "shop-1" }, sightings, listed));

        var connector = Assert.Single(report.OrphanEpics.Connectors);
        Assert.True(connector.ListedByTracker);
        Assert.Equal(["SHOP-99", "SHOP-7"], connector.Epics.Select(e => e.ExternalId));
        var merged = connector.Epics[0];
        Assert.Equal((1, At, "Gift cards"), (merged.ItemCount, merged.LastUpdatedAt, merged.Title));
        Assert.Equal([OrphanSources.StoredWork, OrphanSources.Tracker], merged.Sources);
        Assert.Equal([OrphanSources.Tracker], connector.Epics[1].Sources);
        Assert.Empty(report.OrphanEpics.ListingFailures);
    }

    [Fact]
    public void A_failed_listing_is_reported_and_stored_work_orphans_still_count()
    {
        var sightings = new List<ParentSighting> { new(Jira.Id, "SHOP-10", "SHOP-99", At, "jira-jql", "project = SHOP") };

        var report = Evaluate(new ConnectorCoverage(Jira, new HashSet<string>(), sightings, null, "credentials rejected: 401", "authentication"));

        var connector = Assert.Single(report.OrphanEpics.Connectors);
        Assert.False(connector.ListedByTracker);
        Assert.Equal([OrphanSources.StoredWork], Assert.Single(connector.Epics).Sources);
        var failure = Assert.Single(report.OrphanEpics.ListingFailures);
        Assert.Equal((Jira.Id, "credentials rejected: 401", "authentication"), (failure.ConnectorId, failure.Error, failure.Category));
    }

    private static CoverageReport Evaluate(ConnectorCoverage connector) =>
        CoverageRules.Evaluate(new CoverageInput(
            Cycle,
            [],
            new AlignmentGraph([], []),
            _ => true,
            new Dictionary<Guid, IReadOnlyList<Link>>(),
            new Dictionary<Guid, LinkProgressRecord>(),
            [connector]));
}
