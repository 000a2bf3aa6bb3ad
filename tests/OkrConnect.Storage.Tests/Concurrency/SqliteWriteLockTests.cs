using Dapper;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Concurrency;

/// <summary>
/// Deterministic proof of what the parallel tests can only make likely: a SQLite write transaction takes the
/// write lock when it begins (BEGIN IMMEDIATE), so a second read-then-write waits for it instead of reading a
/// snapshot it can no longer write from.
/// </summary>
public sealed class SqliteWriteLockTests : StorageTest<SqliteTestDatabase>
{
    [Fact]
    public async Task A_second_writer_waits_until_the_first_write_transaction_commits()
    {
        var graph = await CreateGraphAsync();
        var firstHasBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var releaseFirst = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);

        var first = Connections.InWriteTransactionAsync(
            async (connection, transaction) =>
            {
                // Only a read: a deferred transaction would not hold any lock yet.
                await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM progress_history", transaction: transaction);
                firstHasBegun.SetResult();
                await releaseFirst.Task;
                return true;
            });
        await firstHasBegun.Task;

        // Task.Run: Microsoft.Data.Sqlite waits for a lock synchronously, on the calling thread.
        var second = Task.Run(() => Progress.RecordKeyResultProgressAsync(TestData.History(graph.KeyResult.Id, 0.5)));
        var finishedWhileFirstWasOpen = await Task.WhenAny(second, Task.Delay(TimeSpan.FromMilliseconds(500))) == second;
        releaseFirst.SetResult();

        Assert.False(finishedWhileFirstWasOpen);
        Assert.True(await first);
        Assert.True(await second);
    }

    [Fact]
    public async Task A_writer_is_not_starved_by_another_writing_transactions_back_to_back()
    {
        // A sync stores thousands of short transactions one after the other; a webhook acknowledgement that asks for
        // the lock meanwhile must get it after the transaction in progress, not after the whole run.
        var graph = await CreateGraphAsync();
        var firstHasBegun = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var committed = 0;
        var busy = Task.Run(async () =>
        {
            for (var i = 0; i < 40; i++)
            {
                await Connections.InWriteTransactionAsync(
                    async (connection, transaction) =>
                    {
                        await connection.ExecuteAsync(
                            "UPDATE key_results SET title = @Title WHERE id = @Id", new { Title = $"run {i}", graph.KeyResult.Id }, transaction);
                        firstHasBegun.TrySetResult();
                        await Task.Delay(25);
                        return true;
                    });
                Interlocked.Increment(ref committed);
            }
        });
        await firstHasBegun.Task;

        await Task.Run(() => Progress.RecordKeyResultProgressAsync(TestData.History(graph.KeyResult.Id, 0.5)));
        var committedBefore = Volatile.Read(ref committed);
        await busy;

        Assert.InRange(committedBefore, 1, 3);
    }
}
