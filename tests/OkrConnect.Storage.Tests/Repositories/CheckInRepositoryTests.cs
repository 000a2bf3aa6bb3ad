using OkrConnect.Core.Domain;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class CheckInRepositoryOnSqlite : CheckInRepositoryTests<SqliteTestDatabase>;

public sealed class CheckInRepositoryOnPostgres : CheckInRepositoryTests<PostgresTestDatabase>;

public abstract class CheckInRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Insert_then_read_round_trips_every_status()
    {
        var graph = await CreateGraphAsync();

        foreach (var status in Enum.GetValues<CheckInStatus>())
        {
            var checkIn = TestData.CheckIn(graph.KeyResult.Id, createdAt: TestData.Instant.AddDays((int)status)) with { Status = status };
            await CheckIns.InsertAsync(checkIn);
            Assert.Equal(checkIn, await CheckIns.GetLatestAsync(graph.KeyResult.Id));
        }
    }

    [StorageFact]
    public async Task Optional_fields_round_trip_as_null()
    {
        var graph = await CreateGraphAsync();
        var checkIn = TestData.CheckIn(graph.KeyResult.Id) with { Note = null, Blockers = null, NextSteps = null, MetricValue = null };

        await CheckIns.InsertAsync(checkIn);

        Assert.Equal(checkIn, await CheckIns.GetLatestAsync(graph.KeyResult.Id));
    }

    [StorageFact]
    public async Task List_pages_newest_first_with_the_total_of_that_key_result()
    {
        var graph = await CreateGraphAsync();
        var other = TestData.KeyResult(graph.Objective.Id);
        await KeyResults.InsertAsync(other);
        var checkIns = Enumerable.Range(0, 5)
            .Select(week => TestData.CheckIn(graph.KeyResult.Id, createdAt: TestData.Instant.AddDays(7 * week)))
            .ToList();
        foreach (var checkIn in checkIns)
        {
            await CheckIns.InsertAsync(checkIn);
        }

        await CheckIns.InsertAsync(TestData.CheckIn(other.Id));

        var page = await CheckIns.ListByKeyResultAsync(graph.KeyResult.Id, offset: 1, limit: 3);

        Assert.Equal(5, page.Total);
        Assert.Equal([checkIns[3], checkIns[2], checkIns[1]], page.Items);
    }

    [StorageFact]
    public async Task Latest_of_many_key_results_is_the_newest_check_in_of_each()
    {
        var graph = await CreateGraphAsync();
        var second = TestData.KeyResult(graph.Objective.Id);
        var silent = TestData.KeyResult(graph.Objective.Id);
        await KeyResults.InsertAsync(second);
        await KeyResults.InsertAsync(silent);
        var oldFirst = TestData.CheckIn(graph.KeyResult.Id, createdAt: TestData.Instant);
        var newFirst = TestData.CheckIn(graph.KeyResult.Id, createdAt: TestData.Instant.AddHours(1));
        var onlySecond = TestData.CheckIn(second.Id, createdAt: TestData.Instant.AddMinutes(-5));
        foreach (var checkIn in new[] { newFirst, oldFirst, onlySecond })
        {
            await CheckIns.InsertAsync(checkIn);
        }

        var latest = await CheckIns.GetLatestAsync([graph.KeyResult.Id, second.Id, silent.Id, Guid.NewGuid()]);

        Assert.Equal(2, latest.Count);
        Assert.Equal(newFirst, latest[graph.KeyResult.Id]);
        Assert.Equal(onlySecond, latest[second.Id]);
        Assert.Empty(await CheckIns.GetLatestAsync([]));
        Assert.Null(await CheckIns.GetLatestAsync(silent.Id));
    }
}
