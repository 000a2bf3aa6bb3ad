using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class ProgressRepositoryOnSqlite : ProgressRepositoryTests<SqliteTestDatabase>;

public sealed class ProgressRepositoryOnPostgres : ProgressRepositoryTests<PostgresTestDatabase>;

public abstract class ProgressRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Link_progress_upsert_inserts_then_replaces()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id);
        await Links.InsertAsync(link);
        var first = new LinkProgressRecord(link.Id, null, """{"items":0}""", TestData.Instant, null, false, null);
        var second = new LinkProgressRecord(link.Id, 0.75, """{"items":4,"done":3}""", TestData.Instant.AddHours(1), TestData.Instant.AddHours(1), true, "HTTP 503");

        await Progress.UpsertLinkProgressAsync(first);
        Assert.Equal([first], await Progress.ListLinkProgressAsync([link.Id]));

        await Progress.UpsertLinkProgressAsync(second);
        Assert.Equal([second], await Progress.ListLinkProgressAsync([link.Id]));
    }

    [StorageFact]
    public async Task Link_progress_lists_only_the_requested_links()
    {
        var graph = await CreateGraphAsync();
        var links = Enumerable.Range(0, 3).Select(i => TestData.Link(graph.KeyResult.Id, graph.Connector.Id, $"PROJ-{i}")).ToList();
        foreach (var link in links)
        {
            await Links.InsertAsync(link);
            await Progress.UpsertLinkProgressAsync(new LinkProgressRecord(link.Id, 0.5, "{}", TestData.Instant, null, false, null));
        }

        var listed = await Progress.ListLinkProgressAsync([links[0].Id, links[2].Id, links[2].Id, Guid.NewGuid()]);

        Assert.Equal(
            new[] { links[0].Id, links[2].Id }.Order(),
            listed.Select(record => record.LinkId).Order());
        Assert.Empty(await Progress.ListLinkProgressAsync([]));
    }

    [StorageFact]
    public async Task History_appends_only_when_the_value_or_breakdown_changes()
    {
        var graph = await CreateGraphAsync();
        var id = graph.KeyResult.Id;

        Assert.True(await Progress.RecordKeyResultProgressAsync(TestData.History(id, null, "{}", TestData.Instant)));
        Assert.False(await Progress.RecordKeyResultProgressAsync(TestData.History(id, null, "{}", TestData.Instant.AddMinutes(1))));
        Assert.True(await Progress.RecordKeyResultProgressAsync(TestData.History(id, 0.5, "{}", TestData.Instant.AddMinutes(2))));
        Assert.False(await Progress.RecordKeyResultProgressAsync(TestData.History(id, 0.5, "{}", TestData.Instant.AddMinutes(3)) with { Source = "manual" }));
        Assert.True(await Progress.RecordKeyResultProgressAsync(TestData.History(id, 0.5, """{"done":2}""", TestData.Instant.AddMinutes(4))));
        Assert.True(await Progress.RecordKeyResultProgressAsync(TestData.History(id, null, """{"done":2}""", TestData.Instant.AddMinutes(5))));

        var history = await Progress.ListHistoryAsync(id, since: null);

        Assert.Equal(
            [(null, "{}"), (0.5, "{}"), (0.5, """{"done":2}"""), (null, """{"done":2}""")],
            history.Select(entry => (entry.Value, entry.BreakdownJson)));
    }

    [StorageFact]
    public async Task History_lists_oldest_first_and_filters_by_since()
    {
        var graph = await CreateGraphAsync();
        var entries = Enumerable.Range(1, 4)
            .Select(day => TestData.History(graph.KeyResult.Id, day / 10.0, at: TestData.Instant.AddDays(day)))
            .ToList();
        foreach (var entry in entries)
        {
            Assert.True(await Progress.RecordKeyResultProgressAsync(entry));
        }

        Assert.Equal(entries, await Progress.ListHistoryAsync(graph.KeyResult.Id, since: null));
        Assert.Equal(entries.Skip(2), await Progress.ListHistoryAsync(graph.KeyResult.Id, since: TestData.Instant.AddDays(3)));
        Assert.Empty(await Progress.ListHistoryAsync(Guid.NewGuid(), since: null));
    }

    [StorageFact]
    public async Task History_of_a_missing_key_result_is_not_recorded()
    {
        Assert.False(await Progress.RecordKeyResultProgressAsync(TestData.History(Guid.NewGuid(), 0.4)));
    }
}
