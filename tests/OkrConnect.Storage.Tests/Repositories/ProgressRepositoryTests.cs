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
    public async Task Link_progress_of_many_links_is_upserted_and_listed_as_one_at_a_time()
    {
        // More links than one transaction writes and one query reads.
        var graph = await CreateGraphAsync();
        var links = Enumerable.Range(0, 520).Select(i => TestData.Link(graph.KeyResult.Id, graph.Connector.Id, $"PROJ-{i}")).ToList();
        foreach (var link in links)
        {
            await Links.InsertAsync(link);
        }

        var first = links.Select((link, i) => new LinkProgressRecord(
            link.Id, i % 5 == 0 ? null : i / 520.0, $$"""{"items":{{i}}}""", TestData.Instant, i % 3 == 0 ? null : TestData.Instant, i % 4 == 0, i % 4 == 0 ? "HTTP 503" : null)).ToList();
        await Progress.UpsertLinkProgressAsync(first);

        var ids = links.Select(l => l.Id).ToList();
        var expected = first.OrderBy(r => r.LinkId.ToString("D"), StringComparer.Ordinal).ToList();
        Assert.Equal(expected, await Progress.ListLinkProgressAsync(ids));
        Assert.Equal(expected.Take(3), await Progress.ListLinkProgressAsync(expected.Take(3).Select(r => r.LinkId).Reverse().ToList()));

        // Replaced; a link given twice keeps its last record, as two calls would.
        var second = first.Take(300).Select(r => r with { Value = 0.5, Stale = false, LastError = null, ComputedAt = TestData.Instant.AddHours(1) }).ToList();
        var last = second[0] with { Value = 0.75 };
        await Progress.UpsertLinkProgressAsync([.. second, last]);

        var listed = (await Progress.ListLinkProgressAsync(ids)).ToDictionary(r => r.LinkId);
        Assert.Equal(last, listed[first[0].LinkId]);
        Assert.Equal(second[1], listed[first[1].LinkId]);
        Assert.Equal(first[400], listed[first[400].LinkId]);
        await Progress.UpsertLinkProgressAsync(Array.Empty<LinkProgressRecord>());
    }

    [StorageFact]
    public async Task History_of_many_key_results_appends_what_one_call_at_a_time_would()
    {
        // More key results than one transaction takes; every third one already has 0.5.
        var graph = await CreateGraphAsync();
        var keyResults = new List<Guid>();
        for (var i = 0; i < 250; i++)
        {
            var keyResult = TestData.KeyResult(graph.Objective.Id);
            await KeyResults.InsertAsync(keyResult);
            keyResults.Add(keyResult.Id);
            if (i % 3 == 0)
            {
                Assert.True(await Progress.RecordKeyResultProgressAsync(TestData.History(keyResult.Id, 0.5, "{}", TestData.Instant)));
            }
        }

        var entries = keyResults.Select((id, i) => TestData.History(id, i % 2 == 0 ? 0.5 : 0.25, "{}", TestData.Instant.AddMinutes(1))).ToList();
        entries.Add(TestData.History(Guid.NewGuid(), 0.5, "{}", TestData.Instant.AddMinutes(1)));
        entries.Add(TestData.History(keyResults[1], 0.25, "{}", TestData.Instant.AddMinutes(2)));
        entries.Add(TestData.History(keyResults[1], 0.25, """{"done":1}""", TestData.Instant.AddMinutes(3)));

        var appended = await Progress.RecordKeyResultProgressAsync(entries);

        // Unchanged (0.5 after 0.5), missing, and a repeat of what the batch just appended: not appended.
        Assert.Equal([.. keyResults.Select((_, i) => i % 6 != 0), false, false, true], appended);
        Assert.Equal([0.5], (await Progress.ListHistoryAsync(keyResults[0], null)).Select(e => e.Value));
        Assert.Equal([entries[1], entries[^1]], await Progress.ListHistoryAsync(keyResults[1], null));
        Assert.Equal([0.5, 0.25], (await Progress.ListHistoryAsync(keyResults[3], null)).Select(e => e.Value));
        Assert.Equal([entries[248]], await Progress.ListHistoryAsync(keyResults[248], null));
        Assert.Empty(await Progress.RecordKeyResultProgressAsync(Array.Empty<ProgressHistoryEntry>()));
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
