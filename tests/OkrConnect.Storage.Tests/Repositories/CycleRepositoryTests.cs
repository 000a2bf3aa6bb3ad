using OkrConnect.Core.Domain;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class CycleRepositoryOnSqlite : CycleRepositoryTests<SqliteTestDatabase>;

public sealed class CycleRepositoryOnPostgres : CycleRepositoryTests<PostgresTestDatabase>;

public abstract class CycleRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Insert_then_get_round_trips_every_field()
    {
        var cycle = TestData.Cycle() with { State = CycleState.Closed, ClosedAt = TestData.Instant.AddDays(90) };

        await Cycles.InsertAsync(cycle);

        var loaded = await Cycles.GetAsync(cycle.Id);
        Assert.Equal(cycle, loaded);
        Assert.Equal(TimeSpan.Zero, loaded!.CreatedAt.Offset);
    }

    [StorageFact]
    public async Task Instants_come_back_in_utc_truncated_to_the_microsecond_on_every_engine()
    {
        var precise = TestData.Instant.AddTicks(7);
        var cycle = TestData.Cycle(createdAt: precise);

        await Cycles.InsertAsync(cycle);

        var loaded = (await Cycles.GetAsync(cycle.Id))!;
        Assert.Equal(TestData.Stored(precise), loaded.CreatedAt);
        Assert.Equal(TimeSpan.Zero, loaded.CreatedAt.Offset);
        Assert.Equal(TestData.Instant, loaded.CreatedAt);
    }

    [StorageFact]
    public async Task Get_of_an_unknown_id_is_null() => Assert.Null(await Cycles.GetAsync(Guid.NewGuid()));

    [StorageFact]
    public async Task Every_state_round_trips()
    {
        foreach (var state in Enum.GetValues<CycleState>())
        {
            var cycle = TestData.Cycle() with { State = state };
            await Cycles.InsertAsync(cycle);
            Assert.Equal(state, (await Cycles.GetAsync(cycle.Id))!.State);
        }
    }

    [StorageFact]
    public async Task Update_changes_the_fields_but_keeps_the_creation_time()
    {
        var cycle = TestData.Cycle();
        await Cycles.InsertAsync(cycle);

        var closed = cycle with
        {
            Name = "2026-Q1 (extended)",
            EndDate = cycle.EndDate.AddDays(14),
            State = CycleState.Closed,
            ClosedAt = TestData.Instant.AddDays(100),
            CreatedAt = TestData.Instant.AddYears(5),
        };
        await Cycles.UpdateAsync(closed);

        Assert.Equal(closed with { CreatedAt = cycle.CreatedAt }, await Cycles.GetAsync(cycle.Id));
    }

    [StorageFact]
    public async Task List_pages_newest_period_first_with_the_total()
    {
        var cycles = Enumerable.Range(0, 5)
            .Select(quarter => TestData.Cycle(start: new DateOnly(2025, 1, 1).AddMonths(3 * quarter)))
            .ToList();
        foreach (var cycle in cycles)
        {
            await Cycles.InsertAsync(cycle);
        }

        var first = await Cycles.ListAsync(offset: 0, limit: 2);
        var last = await Cycles.ListAsync(offset: 4, limit: 2);

        var newestFirst = cycles.OrderByDescending(cycle => cycle.StartDate).ToList();
        Assert.Equal(5, first.Total);
        Assert.Equal((0, 2), (first.Offset, first.Limit));
        Assert.Equal(newestFirst.Take(2), first.Items);
        Assert.Equal(newestFirst.Skip(4), last.Items);
        Assert.Equal(5, last.Total);
    }

    [StorageFact]
    public async Task List_of_an_empty_table_has_no_items_and_total_zero()
    {
        var page = await Cycles.ListAsync(0, 10);

        Assert.Empty(page.Items);
        Assert.Equal(0, page.Total);
    }

    [StorageFact]
    public async Task List_rejects_a_negative_offset_or_an_empty_page()
    {
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Cycles.ListAsync(-1, 10));
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => Cycles.ListAsync(0, 0));
    }
}
