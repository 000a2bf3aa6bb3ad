using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.Storage;

/// <summary>Work items, the webhook inbox and queued requests, on every engine.</summary>
public sealed class SyncRepositoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TargetRef Epic = new("jira-epic", "OKR-1");
    private static readonly TargetRef Other = new("jira-epic", "OKR-2");

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_full_replace_drops_items_moved_away_and_an_incremental_merge_only_adds(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var items = db.Get<IWorkItemRepository>();

        await items.ReplaceTargetItemsAsync(connector, Epic, [new("OKR-101", WorkItemClass.Done, 3), new("OKR-102", WorkItemClass.ToDo)], Now);
        await items.ReplaceTargetItemsAsync(connector, Other, [new("OKR-201", WorkItemClass.InProgress)], Now);
        await items.MergeTargetItemsAsync(connector, Epic, [new("OKR-103", WorkItemClass.Excluded, ExcludedReason: "closed as \"Won't Do\"")], Now);
        Assert.Equal(["OKR-101", "OKR-102", "OKR-103"], (await items.ListByTargetAsync(connector, Epic)).Select(i => i.ExternalId));

        // OKR-102 moved to OKR-2: the next full read of OKR-1 no longer lists it.
        await items.ReplaceTargetItemsAsync(connector, Epic, [new("OKR-101", WorkItemClass.Done, 3), new("OKR-103", WorkItemClass.Excluded, ExcludedReason: "closed as \"Won't Do\"")], Now.AddMinutes(5));
        await items.ReplaceTargetItemsAsync(connector, Other, [new("OKR-201", WorkItemClass.InProgress), new("OKR-102", WorkItemClass.Done)], Now.AddMinutes(5));

        var epic = await items.ListByTargetAsync(connector, Epic);
        Assert.Equal(["OKR-101", "OKR-103"], epic.Select(i => i.ExternalId));
        Assert.Equal(3, epic[0].Points);
        Assert.Equal("closed as \"Won't Do\"", epic[1].ExcludedReason);
        Assert.Equal([Other], await items.ListTargetsHoldingAsync(connector, ["OKR-102", "OKR-999"]));
        Assert.Equal(2, (await items.ListFullyFetchedTargetsAsync(connector)).Count);
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_delivery_is_accepted_once_and_each_entry_is_claimed_by_one_owner(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var inbox = db.Get<IWebhookInboxRepository>();

        for (var i = 0; i < 10; i++)
        {
            Assert.True(await inbox.AcceptAsync(Entry(connector, i), $"delivery-{i}"));
        }

        Assert.False(await inbox.AcceptAsync(Entry(connector, 0), "delivery-0"));

        var claims = await Task.WhenAll(Enumerable.Range(0, 4).Select(i => Task.Run(() => inbox.ClaimAsync($"server-{i}", Now, Now.AddMinutes(-10), 100))));
        var claimed = claims.SelectMany(c => c.Select(e => e.Id)).ToList();
        Assert.Equal(10, claimed.Count);
        Assert.Equal(10, claimed.Distinct().Count());
        Assert.Empty(await inbox.ClaimAsync("late", Now, Now.AddMinutes(-10), 100));

        // Given back: claimable again, one attempt more. Processed: never again, and pruned later.
        var first = claims.First(c => c.Count > 0)[0];
        await inbox.ReleaseAsync([first.Id], "tracker down");
        var again = Assert.Single(await inbox.ClaimAsync("retry", Now, Now.AddMinutes(-10), 100));
        Assert.Equal(2, again.Attempts);
        Assert.Equal(["OKR-1"], again.Targets.Select(t => t.Key));
        await inbox.MarkProcessedAsync(claimed, Now, null);
        Assert.Equal(20, await inbox.PruneAsync(Now.AddHours(1), Now.AddHours(1)));
        Assert.True(await inbox.AcceptAsync(Entry(connector, 0), "delivery-0"));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Queued_requests_are_taken_once(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var requests = db.Get<ISyncRequestRepository>();
        var link = Guid.NewGuid();

        await requests.AddAsync(new SyncRequest(Guid.NewGuid(), connector, SyncTrigger.Webhook, [link], Now));
        await requests.AddAsync(new SyncRequest(Guid.NewGuid(), connector, SyncTrigger.Schedule, null, Now.AddSeconds(1)));

        Assert.True(await requests.AnyAsync(connector));
        var taken = await requests.TakeAsync(connector);
        Assert.Equal([SyncTrigger.Webhook, SyncTrigger.Schedule], taken.Select(r => r.Trigger));
        Assert.Equal([link], taken[0].LinkIds);
        Assert.Null(taken[1].LinkIds);
        Assert.Empty(await requests.TakeAsync(connector));
    }

    private static WebhookInboxEntry Entry(Guid connector, int i) =>
        new(Guid.NewGuid(), connector, "jira:issue_updated", [$"OKR-10{i}"], [Epic], Now, 0);

    private static async Task<Guid> ConnectorAsync(SyncDatabase db)
    {
        var connector = new ConnectorConfig(Guid.NewGuid(), "jira", "Jira", "https://jira.example.test", "{}", "en", "*/15 * * * *", true, false, false, Now);
        await db.Get<IConnectorRepository>().InsertAsync(connector, ProtectedSecrets.Unchanged);
        return connector.Id;
    }
}
