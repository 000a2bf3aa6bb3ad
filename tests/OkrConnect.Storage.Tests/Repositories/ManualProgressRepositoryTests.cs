using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class ManualProgressRepositoryOnSqlite : ManualProgressRepositoryTests<SqliteTestDatabase>;

public sealed class ManualProgressRepositoryOnPostgres : ManualProgressRepositoryTests<PostgresTestDatabase>;

public abstract class ManualProgressRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    private IManualProgressRepository Manual => Services.GetRequiredService<IManualProgressRepository>();

    [StorageFact]
    public async Task Set_replaces_the_value_and_clear_removes_it()
    {
        var graph = await CreateGraphAsync();
        var first = new ManualProgressRecord(graph.KeyResult.Id, 0.4, TestData.Instant, "alice", "counted by hand");
        var second = new ManualProgressRecord(graph.KeyResult.Id, 0.6, TestData.Instant.AddDays(1), "bob", "vendor shipped");

        await Manual.SetAsync(first);
        Assert.Equal(first, await Manual.GetAsync(graph.KeyResult.Id));
        await Manual.SetAsync(second);
        Assert.Equal(second, await Manual.GetAsync(graph.KeyResult.Id));

        Assert.True(await Manual.ClearAsync(graph.KeyResult.Id));
        Assert.False(await Manual.ClearAsync(graph.KeyResult.Id));
        Assert.Null(await Manual.GetAsync(graph.KeyResult.Id));
    }

    [StorageFact]
    public async Task List_returns_only_key_results_with_a_value_and_deleting_the_key_result_removes_it()
    {
        var graph = await CreateGraphAsync();
        var other = TestData.KeyResult(graph.Objective.Id);
        await KeyResults.InsertAsync(other);
        var manual = new ManualProgressRecord(graph.KeyResult.Id, 1, TestData.Instant, "alice", "done outside the tracker");
        await Manual.SetAsync(manual);

        var listed = await Manual.ListAsync([graph.KeyResult.Id, other.Id]);

        Assert.Equal(manual, Assert.Single(listed).Value);
        await KeyResults.DeleteAsync(graph.KeyResult.Id);
        Assert.Empty(await Manual.ListAsync([graph.KeyResult.Id]));
    }

    [StorageFact]
    public async Task List_takes_more_key_results_than_one_query_does()
    {
        var graph = await CreateGraphAsync();
        var other = TestData.KeyResult(graph.Objective.Id);
        await KeyResults.InsertAsync(other);
        var first = new ManualProgressRecord(graph.KeyResult.Id, 0.25, TestData.Instant, "alice", "by hand");
        var second = new ManualProgressRecord(other.Id, 0.75, TestData.Instant, "bob", "by hand");
        await Manual.SetAsync(first);
        await Manual.SetAsync(second);

        var ids = Enumerable.Range(0, 600).Select(_ => Guid.NewGuid()).ToList();
        ids.Insert(10, graph.KeyResult.Id);
        ids.Add(other.Id);
        var listed = await Manual.ListAsync(ids);

        Assert.Equal(2, listed.Count);
        Assert.Equal(first, listed[graph.KeyResult.Id]);
        Assert.Equal(second, listed[other.Id]);
    }

    [StorageFact]
    public async Task A_value_outside_zero_to_one_is_refused_by_the_schema()
    {
        var graph = await CreateGraphAsync();

        await Assert.ThrowsAnyAsync<Exception>(() => Manual.SetAsync(new ManualProgressRecord(graph.KeyResult.Id, 1.5, TestData.Instant, "alice", "too much")));
    }
}
