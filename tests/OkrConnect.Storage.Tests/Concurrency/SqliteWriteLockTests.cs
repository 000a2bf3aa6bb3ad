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
}
