using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
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
    public async Task A_targets_version_is_stored_with_its_items_and_an_unchanged_read_writes_nothing(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var items = db.Get<IWorkItemRepository>();
        var third = new TargetRef("jira-epic", "OKR-3");

        await items.StoreTargetsAsync(
            connector,
            [
                new TargetItemsWrite(Epic, [new("OKR-101", WorkItemClass.Done)], Replace: true, Version: "etag-1"),
                new TargetItemsWrite(Other, [new("OKR-201", WorkItemClass.ToDo)], Replace: true),
                new TargetItemsWrite(third, [new("OKR-301", WorkItemClass.ToDo)], Replace: true, Version: "etag-3"),
            ],
            Now);
        Assert.Equal(new Dictionary<TargetRef, string> { [Epic] = "etag-1", [third] = "etag-3" }, await items.ListContentVersionsAsync(connector));

        // Unchanged: the stored items stand, even when the write carries none. A merge with a version (a whole list
        // read for an incremental fetch) keeps it; a full store without one clears it.
        await items.StoreTargetsAsync(
            connector,
            [
                new TargetItemsWrite(Epic, [], Replace: true, Version: "etag-1", Unchanged: true),
                new TargetItemsWrite(Other, [new("OKR-202", WorkItemClass.Done)], Replace: false, Version: "etag-2"),
                new TargetItemsWrite(third, [new("OKR-302", WorkItemClass.Done)], Replace: true),
            ],
            Now.AddMinutes(5));

        Assert.Equal(["OKR-101"], (await items.ListByTargetAsync(connector, Epic)).Select(i => i.ExternalId));
        Assert.Equal(["OKR-201", "OKR-202"], (await items.ListByTargetAsync(connector, Other)).Select(i => i.ExternalId));
        Assert.Equal(["OKR-302"], (await items.ListByTargetAsync(connector, third)).Select(i => i.ExternalId));
        Assert.Equal(new Dictionary<TargetRef, string> { [Epic] = "etag-1", [Other] = "etag-2" }, await items.ListContentVersionsAsync(connector));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Storing_many_targets_deletes_only_the_items_left_under_no_target(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var items = db.Get<IWorkItemRepository>();
        var targets = Enumerable.Range(0, 30).Select(t => new TargetRef("jira-epic", $"T-{t}")).ToList();

        // 30 × 40 items: several transactions. "SHARED" sits under the first and the last target.
        List<WorkItem> Items(int t) => [.. Enumerable.Range(0, 40).Select(n => new WorkItem($"T-{t}-{n:D2}", WorkItemClass.ToDo)), .. t is 0 or 29 ? [new WorkItem("SHARED", WorkItemClass.Done)] : Array.Empty<WorkItem>()];
        await items.StoreTargetsAsync(connector, targets.Select((target, t) => new TargetItemsWrite(target, Items(t), Replace: true)).ToList(), Now);
        Assert.Equal(30 * 40 + 1, (await StoredItemIdsAsync(db)).Count);
        Assert.Equal(41, (await items.ListByTargetAsync(connector, targets[0])).Count);

        // T-0 loses SHARED and five of its own; T-1-00 moves to T-2 (both read in the same call); T-3 is read
        // incrementally with nothing new, T-4 with one new item; T-30 and T-31 are new and incremental.
        await items.StoreTargetsAsync(
            connector,
            [
                new(targets[0], Items(0).Skip(5).SkipLast(1).ToList(), Replace: true),
                new(targets[1], Items(1).Skip(1).ToList(), Replace: true),
                new(targets[2], [.. Items(2), new WorkItem("T-1-00", WorkItemClass.Done)], Replace: true),
                new(targets[3], [], Replace: false),
                new(targets[4], [new WorkItem("T-4-new", WorkItemClass.InProgress)], Replace: false),
                new(new TargetRef("jira-epic", "T-30"), [], Replace: false),
                new(new TargetRef("jira-epic", "T-31"), [new WorkItem("T-31-00", WorkItemClass.Done)], Replace: false),
            ],
            Now.AddMinutes(5));

        var stored = await StoredItemIdsAsync(db);
        Assert.DoesNotContain("T-0-00", stored);
        Assert.DoesNotContain("T-0-04", stored);
        Assert.Contains("T-0-05", stored);
        Assert.Contains("SHARED", stored);
        Assert.Contains("T-1-00", stored);
        Assert.Equal(30 * 40 + 1 - 5 + 2, stored.Count);
        Assert.Equal([targets[29]], await items.ListTargetsHoldingAsync(connector, ["SHARED"]));
        Assert.Equal([targets[2]], await items.ListTargetsHoldingAsync(connector, ["T-1-00"]));
        Assert.Equal(WorkItemClass.Done, (await items.ListByTargetAsync(connector, targets[2])).Single(i => i.ExternalId == "T-1-00").Class);
        Assert.Equal(40, (await items.ListByTargetAsync(connector, targets[3])).Count);
        Assert.Equal(41, (await items.ListByTargetAsync(connector, targets[4])).Count);
        Assert.Equal(["T-31-00"], (await items.ListByTargetAsync(connector, new TargetRef("jira-epic", "T-31"))).Select(i => i.ExternalId));

        // Only full reads count as fully fetched; an incremental read that found nothing stores nothing.
        var fully = await items.ListFullyFetchedTargetsAsync(connector);
        Assert.Equal(targets.Select(t => t.Key).Order(StringComparer.Ordinal), fully.Select(t => t.Key).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Listing_many_targets_gives_what_listing_each_target_gives(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var other = await ConnectorAsync(db);
        var items = db.Get<IWorkItemRepository>();

        // More targets than one query takes; items out of order, one shared by two targets, one in another connector.
        var targets = Enumerable.Range(0, 520).Select(t => new TargetRef(t % 2 == 0 ? "jira-epic" : "jira-jql", $"K-{t}")).ToList();
        await items.StoreTargetsAsync(
            connector,
            targets.Select((target, t) => new TargetItemsWrite(
                target,
                [new($"I-{t}-b", WorkItemClass.Done, 2, ParentExternalId: "P-1", IsSubtask: true, Title: "B"), new($"I-{t}-a", WorkItemClass.Excluded, ExcludedReason: "Won't Do"), new("SHARED", WorkItemClass.InProgress)],
                Replace: t % 3 != 0)).ToList(),
            Now);
        await items.ReplaceTargetItemsAsync(other, targets[0], [new("I-0-z", WorkItemClass.ToDo)], Now);

        var asked = new List<TargetRef>(targets) { new("jira-epic", "k-0"), new("jira-epic", "NONE"), targets[5] };
        var listed = await items.ListByTargetsAsync(connector, asked);

        Assert.Equal(asked.Distinct().Count(), listed.Count);
        foreach (var target in asked.Distinct())
        {
            Assert.Equal(await items.ListByTargetAsync(connector, target), listed[target]);
        }

        Assert.Equal(["I-0-a", "I-0-b", "SHARED"], listed[targets[0]].Select(i => i.ExternalId));
        Assert.Empty(listed[new TargetRef("jira-epic", "k-0")]);
        Assert.Empty(listed[new TargetRef("jira-epic", "NONE")]);
        Assert.Empty(await items.ListByTargetsAsync(connector, []));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task An_item_keeps_its_update_time_until_what_progress_depends_on_changes(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var connector = await ConnectorAsync(db);
        var items = db.Get<IWorkItemRepository>();
        WorkItem[] first = [new("OKR-101", WorkItemClass.ToDo, 3, Title: "a"), new("OKR-102", WorkItemClass.ToDo, 3)];

        await items.ReplaceTargetItemsAsync(connector, Epic, first, Now);
        var before = await UpdateTimesAsync(db);
        await items.ReplaceTargetItemsAsync(connector, Epic, [first[0] with { Title = "renamed" }, first[1] with { Points = 5 }], Now.AddMinutes(5));
        var after = await UpdateTimesAsync(db);

        Assert.Equal(before["OKR-101"], after["OKR-101"]);
        Assert.NotEqual(before["OKR-102"], after["OKR-102"]);
        Assert.Equal("renamed", (await items.ListByTargetAsync(connector, Epic))[0].Title);
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

    private static async Task<List<string>> StoredItemIdsAsync(SyncDatabase db)
    {
        await using var connection = await db.Get<DatabaseConnectionFactory>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT external_id FROM work_items";
        var ids = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            ids.Add(reader.GetString(0));
        }

        return ids;
    }

    private static async Task<Dictionary<string, string>> UpdateTimesAsync(SyncDatabase db)
    {
        await using var connection = await db.Get<DatabaseConnectionFactory>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT external_id, updated_at FROM work_items";
        var times = new Dictionary<string, string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            times[reader.GetString(0)] = Convert.ToString(reader.GetValue(1), System.Globalization.CultureInfo.InvariantCulture)!;
        }

        return times;
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
