using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class KeyResultRepositoryOnSqlite : KeyResultRepositoryTests<SqliteTestDatabase>;

public sealed class KeyResultRepositoryOnPostgres : KeyResultRepositoryTests<PostgresTestDatabase>;

public abstract class KeyResultRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Insert_then_get_round_trips_every_field()
    {
        var graph = await CreateGraphAsync();

        Assert.Equal(graph.KeyResult, await KeyResults.GetAsync(graph.KeyResult.Id));
        Assert.Null(await KeyResults.GetAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task Every_type_and_measure_round_trips_and_metrics_may_be_null()
    {
        var graph = await CreateGraphAsync();

        foreach (var type in Enum.GetValues<KeyResultType>())
        {
            foreach (var measure in Enum.GetValues<MeasureKind>())
            {
                var keyResult = TestData.KeyResult(graph.Objective.Id) with
                {
                    Type = type,
                    Measure = measure,
                    MetricStart = null,
                    MetricTarget = null,
                    MetricCurrent = null,
                    Unit = null,
                };
                await KeyResults.InsertAsync(keyResult);
                Assert.Equal(keyResult, await KeyResults.GetAsync(keyResult.Id));
            }
        }
    }

    [StorageFact]
    public async Task List_by_objective_and_by_cycle_return_only_their_own_oldest_first()
    {
        var graph = await CreateGraphAsync();
        var secondObjective = TestData.Objective(graph.Cycle.Id);
        var otherCycle = TestData.Cycle();
        var otherObjective = TestData.Objective(otherCycle.Id);
        await Objectives.InsertAsync(secondObjective);
        await Cycles.InsertAsync(otherCycle);
        await Objectives.InsertAsync(otherObjective);
        var sibling = TestData.KeyResult(graph.Objective.Id, createdAt: TestData.Instant.AddMinutes(5));
        var cousin = TestData.KeyResult(secondObjective.Id, createdAt: TestData.Instant.AddMinutes(1));
        var stranger = TestData.KeyResult(otherObjective.Id);
        foreach (var keyResult in new[] { sibling, cousin, stranger })
        {
            await KeyResults.InsertAsync(keyResult);
        }

        Assert.Equal([graph.KeyResult, sibling], await KeyResults.ListByObjectiveAsync(graph.Objective.Id));
        Assert.Equal([graph.KeyResult, cousin, sibling], await KeyResults.ListByCycleAsync(graph.Cycle.Id));
        Assert.Empty(await KeyResults.ListByObjectiveAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task Update_changes_the_fields_but_keeps_the_creation_time()
    {
        var graph = await CreateGraphAsync();
        var changed = graph.KeyResult with
        {
            Title = "Cut p99 too",
            Owner = "dave",
            Type = KeyResultType.Committed,
            Weight = 0.75,
            Measure = MeasureKind.Work,
            MetricStart = null,
            MetricTarget = null,
            MetricCurrent = null,
            Unit = null,
            CreatedAt = TestData.Instant.AddDays(3),
        };

        await KeyResults.UpdateAsync(changed);

        Assert.Equal(changed with { CreatedAt = graph.KeyResult.CreatedAt }, await KeyResults.GetAsync(graph.KeyResult.Id));
    }

    [StorageFact]
    public async Task Delete_removes_its_links_check_ins_and_history_and_unaligns_child_objectives()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id);
        await Links.InsertAsync(link);
        await Progress.UpsertLinkProgressAsync(new LinkProgressRecord(link.Id, 1, "{}", TestData.Instant, TestData.Instant, false, null));
        await CheckIns.InsertAsync(TestData.CheckIn(graph.KeyResult.Id));
        await Progress.RecordKeyResultProgressAsync(TestData.History(graph.KeyResult.Id, 0.1));
        var child = TestData.Objective(graph.Cycle.Id, parentKeyResultId: graph.KeyResult.Id);
        await Objectives.InsertAsync(child);

        await KeyResults.DeleteAsync(graph.KeyResult.Id);

        Assert.Null(await KeyResults.GetAsync(graph.KeyResult.Id));
        Assert.Empty(await Links.ListByKeyResultAsync(graph.KeyResult.Id));
        Assert.Empty(await Progress.ListLinkProgressAsync([link.Id]));
        Assert.Equal(0, (await CheckIns.ListByKeyResultAsync(graph.KeyResult.Id, 0, 10)).Total);
        Assert.Empty(await Progress.ListHistoryAsync(graph.KeyResult.Id, since: null));
        Assert.Equal(child with { ParentKeyResultId = null }, await Objectives.GetAsync(child.Id));
        Assert.NotNull(await Objectives.GetAsync(graph.Objective.Id));
    }
}
