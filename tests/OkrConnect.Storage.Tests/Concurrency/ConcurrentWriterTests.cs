using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Concurrency;

public sealed class ConcurrentWritersOnSqlite : ConcurrentWriterTests<SqliteTestDatabase>;

public sealed class ConcurrentWritersOnPostgres : ConcurrentWriterTests<PostgresTestDatabase>;

/// <summary>
/// Many writers at once, as a web request, a sync job and a webhook would be. On SQLite this exercises WAL,
/// the busy timeout and BEGIN IMMEDIATE; on PostgreSQL the row lock that serialises history writers.
/// </summary>
public abstract class ConcurrentWriterTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    private const int Writers = 8;
    private const int WritesPerWriter = 50;

    [StorageFact]
    public async Task Every_insert_from_parallel_writers_lands()
    {
        var graph = await CreateGraphAsync();
        await using var secondInstance = CreateSecondInstance();
        var repositories = new[] { CheckIns, secondInstance.GetRequiredService<ICheckInRepository>() };

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            var checkIns = repositories[writer % repositories.Length];
            for (var i = 0; i < WritesPerWriter; i++)
            {
                await checkIns.InsertAsync(TestData.CheckIn(graph.KeyResult.Id, TestData.Instant.AddSeconds((writer * WritesPerWriter) + i)));
            }
        })));

        var page = await CheckIns.ListByKeyResultAsync(graph.KeyResult.Id, 0, 1);
        Assert.Equal(Writers * WritesPerWriter, page.Total);
    }

    [StorageFact]
    public async Task Parallel_recordings_of_the_same_change_append_it_once()
    {
        var graph = await CreateGraphAsync();
        await using var secondInstance = CreateSecondInstance();
        var repositories = new[] { Progress, secondInstance.GetRequiredService<IProgressRepository>() };
        const int Rounds = 10;

        for (var round = 0; round < Rounds; round++)
        {
            var change = TestData.History(graph.KeyResult.Id, round / 10.0, at: TestData.Instant.AddMinutes(round));
            var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var recordings = Enumerable.Range(0, Writers)
                .Select(writer => Task.Run(async () =>
                {
                    await start.Task;
                    return await repositories[writer % repositories.Length].RecordKeyResultProgressAsync(change);
                }))
                .ToList();
            start.SetResult();

            var appended = await Task.WhenAll(recordings);

            Assert.Equal(1, appended.Count(wasAppended => wasAppended));
        }

        Assert.Equal(Rounds, (await Progress.ListHistoryAsync(graph.KeyResult.Id, since: null)).Count);
    }

    [StorageFact]
    public async Task Parallel_upserts_of_link_progress_leave_one_row_per_link()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id);
        await Links.InsertAsync(link);

        await Task.WhenAll(Enumerable.Range(0, Writers).Select(writer => Task.Run(async () =>
        {
            for (var i = 0; i < WritesPerWriter / 5; i++)
            {
                await Progress.UpsertLinkProgressAsync(new LinkProgressRecord(link.Id, writer / 10.0, "{}", TestData.Instant.AddSeconds(i), null, false, null));
            }
        })));

        Assert.Single(await Progress.ListLinkProgressAsync([link.Id]));
    }
}
