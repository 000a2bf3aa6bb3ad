using System.Text.Json;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

public sealed class CoverageTests : IClassFixture<PracticeFactory>
{
    private readonly PracticeFactory _factory;
    private readonly HttpClient _manager;
    private readonly Seed _seed;

    public CoverageTests(PracticeFactory factory)
    {
        _factory = factory;
        _manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        _seed = new Seed(_manager);
    }

    [Fact]
    public async Task Key_results_without_work_and_decomposed_ones_without_children_are_listed()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var objective = await _seed.ObjectiveAsync(cycle.Id());
        var unlinked = await _seed.KeyResultAsync(objective.Id(), "Nothing linked");
        var orphanParent = await _seed.KeyResultAsync(objective.Id(), "Nobody aligned", "children");
        var emptyParent = await _seed.KeyResultAsync(objective.Id(), "Aligned but empty", "children");
        await _seed.ObjectiveAsync(cycle.Id(), "Empty team objective", parentKeyResultId: emptyParent.Id());
        var coveredParent = await _seed.KeyResultAsync(objective.Id(), "Covered", "children");
        var child = await _seed.ObjectiveAsync(cycle.Id(), "Team objective", parentKeyResultId: coveredParent.Id());
        await _seed.MetricAsync(child.Id(), 10);

        var coverage = await _manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");

        // As a set: the fake clock stands still, so creation times (and list orders) tie.
        Assert.Equal(
            new HashSet<(Guid, string)> { (unlinked.Id(), "no-links"), (orphanParent.Id(), "no-child-objectives") },
            coverage.Items("keyResultsWithoutWork").Select(k => (k.Get("keyResultId").GetGuid(), k.Str("reason")!)).ToHashSet());
        var empty = Assert.Single(coverage.Items("decomposedWithoutChildren"));
        Assert.Equal((emptyParent.Id(), "children-have-no-key-results"), (empty.Get("keyResultId").GetGuid(), empty.Str("reason")));
    }

    [Fact]
    public async Task Metric_targets_of_aligned_objectives_must_add_up_to_the_parent_target()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var company = await _seed.ObjectiveAsync(cycle.Id(), "Company");
        var users = await _seed.KeyResultAsync(company.Id(), "Active users", "metric", start: 0, target: 100, unit: "users");
        var web = await _seed.ObjectiveAsync(cycle.Id(), "Web", parentKeyResultId: users.Id());
        var webUsers = await _seed.KeyResultAsync(web.Id(), "Web users", "metric", start: 0, target: 60, unit: "users");
        await _seed.KeyResultAsync(web.Id(), "Web revenue", "metric", start: 0, target: 999, unit: "k€");
        var mobileSeed = new Seed(_factory.CreateClientFor(Role.Manager, "mona", "mobile"));
        var mobile = await mobileSeed.ObjectiveAsync(cycle.Id(), "Mobile", "team", "mobile", users.Id());
        await mobileSeed.KeyResultAsync(mobile.Id(), "Mobile users", "metric", start: 0, target: 30, unit: "Users");
        var bugs = await _seed.KeyResultAsync(company.Id(), "Open P1 bugs", "metric", start: 120, target: 20, unit: "bugs");
        var teamA = await _seed.ObjectiveAsync(cycle.Id(), "Team A", parentKeyResultId: bugs.Id());
        await _seed.KeyResultAsync(teamA.Id(), "A's bugs", "metric", start: 70, target: 12, unit: "bugs");
        var teamB = await _seed.ObjectiveAsync(cycle.Id(), "Team B", parentKeyResultId: bugs.Id());
        await _seed.KeyResultAsync(teamB.Id(), "B's bugs", "metric", start: 50, target: 8, unit: "bugs");

        var coverage = await _manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");

        // Decreasing targets that add up (12 + 8 = 20) are fine; 60 + 30 ≠ 100 is not, and the hidden child is only counted.
        var mismatch = Assert.Single(coverage.Items("metricTargetMismatches"));
        Assert.Equal((users.Id(), 100.0, 90.0, -10.0), (mismatch.Get("keyResultId").GetGuid(), mismatch.Num("target")!.Value, mismatch.Num("childrenTargetSum")!.Value, mismatch.Num("difference")!.Value));
        Assert.Equal([webUsers.Id()], mismatch.Items("children").Select(c => c.Get("keyResultId").GetGuid()));
        Assert.Equal(1, mismatch.Get("hiddenChildren").GetInt32());
    }

    [Fact]
    public async Task Failing_links_and_unlinked_epics_seen_in_stored_work_are_listed()
    {
        var admin = _factory.CreateClientFor(Role.Admin, "root");
        var connector = await new Seed(admin).UninstalledConnectorAsync();
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var objective = await _seed.ObjectiveAsync(cycle.Id());
        var byQuery = await _seed.KeyResultAsync(objective.Id(), "Bugs fixed");
        var byEpic = await _seed.KeyResultAsync(objective.Id(), "Checkout");
        var queryLink = await _seed.LinkAsync(byQuery.Id(), connector.Id(), "jira-jql", "project = SHOP AND type = Bug");
        await _seed.LinkAsync(byEpic.Id(), connector.Id(), "jira-epic", "SHOP-1");

        var now = _factory.Clock.GetUtcNow();
        await _factory.Service<IProgressRepository>().UpsertLinkProgressAsync(
            new LinkProgressRecord(queryLink.Id(), 0.5, "{}", now, now.AddHours(-3), Stale: true, LastError: "Jira answered 400: the JQL is invalid"));
        await _factory.Service<IWorkItemRepository>().ReplaceTargetItemsAsync(
            connector.Id(),
            new TargetRef("jira-jql", "project = SHOP AND type = Bug"),
            [
                new WorkItem("SHOP-10", WorkItemClass.Done, ParentExternalId: "SHOP-99"),
                new WorkItem("SHOP-11", WorkItemClass.ToDo, ParentExternalId: "SHOP-99"),
                new WorkItem("SHOP-12", WorkItemClass.ToDo, ParentExternalId: "shop-1"),
                new WorkItem("SHOP-13", WorkItemClass.ToDo, ParentExternalId: "SHOP-10", IsSubtask: true),
                new WorkItem("SHOP-14", WorkItemClass.ToDo),
            ],
            now);

        var coverage = await _manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");

        var failing = Assert.Single(coverage.Items("failingLinks"));
        Assert.Equal((queryLink.Id(), "Jira answered 400: the JQL is invalid"), (failing.Get("linkId").GetGuid(), failing.Str("lastError")));
        var orphans = Assert.Single(coverage.Get("orphanEpics").Items("connectors"));
        Assert.Equal(connector.Id(), orphans.Get("connectorId").GetGuid());
        var epic = Assert.Single(orphans.Items("epics"));
        Assert.Equal(("SHOP-99", 2), (epic.Str("externalId"), epic.Get("itemCount").GetInt32()));
        Assert.Contains("stored work items", coverage.Get("orphanEpics").Str("source"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Stored_work_under_links_the_caller_cannot_see_is_not_shown()
    {
        var admin = _factory.CreateClientFor(Role.Admin, "root");
        var connector = await new Seed(admin).UninstalledConnectorAsync();
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-10), _factory.Today.AddDays(80));
        var mobileSeed = new Seed(_factory.CreateClientFor(Role.Manager, "mona", "mobile"));
        var hidden = await mobileSeed.ObjectiveAsync(cycle.Id(), "Hidden", "team", "mobile");
        var keyResult = await mobileSeed.KeyResultAsync(hidden.Id(), "Hidden work");
        await mobileSeed.LinkAsync(keyResult.Id(), connector.Id(), "jira-jql", "project = SECRET");
        await _factory.Service<IWorkItemRepository>().ReplaceTargetItemsAsync(
            connector.Id(), new TargetRef("jira-jql", "project = SECRET"), [new WorkItem("SECRET-2", WorkItemClass.ToDo, ParentExternalId: "SECRET-1")], _factory.Clock.GetUtcNow());
        var outsider = _factory.CreateClientFor(Role.Member, "wes", "web");

        var coverage = await outsider.GetJsonAsync($"/api/cycles/{cycle.Id()}/coverage");

        Assert.Empty(coverage.Get("orphanEpics").Items("connectors"));
        Assert.DoesNotContain("SECRET", coverage.GetRawText(), StringComparison.Ordinal);
        Assert.Equal(JsonValueKind.Array, coverage.Get("keyResultsWithoutWork").ValueKind);
    }
}
