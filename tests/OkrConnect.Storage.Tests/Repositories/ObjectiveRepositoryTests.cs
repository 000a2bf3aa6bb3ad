using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class ObjectiveRepositoryOnSqlite : ObjectiveRepositoryTests<SqliteTestDatabase>;

public sealed class ObjectiveRepositoryOnPostgres : ObjectiveRepositoryTests<PostgresTestDatabase>;

public abstract class ObjectiveRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Insert_then_get_round_trips_every_field()
    {
        var graph = await CreateGraphAsync();
        var aligned = TestData.Objective(graph.Cycle.Id, parentKeyResultId: graph.KeyResult.Id);

        await Objectives.InsertAsync(aligned);

        Assert.Equal(aligned, await Objectives.GetAsync(aligned.Id));
        Assert.Null(await Objectives.GetAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task Optional_fields_round_trip_as_null()
    {
        var cycle = TestData.Cycle();
        await Cycles.InsertAsync(cycle);
        var bare = TestData.Objective(cycle.Id) with { Description = null, Team = null, ParentKeyResultId = null };

        await Objectives.InsertAsync(bare);

        Assert.Equal(bare, await Objectives.GetAsync(bare.Id));
    }

    [StorageFact]
    public async Task Every_level_and_visibility_round_trips()
    {
        var cycle = TestData.Cycle();
        await Cycles.InsertAsync(cycle);

        foreach (var level in Enum.GetValues<ObjectiveLevel>())
        {
            foreach (var visibility in Enum.GetValues<Visibility>())
            {
                var objective = TestData.Objective(cycle.Id) with { Level = level, Visibility = visibility };
                await Objectives.InsertAsync(objective);
                Assert.Equal(objective, await Objectives.GetAsync(objective.Id));
            }
        }
    }

    [StorageFact]
    public async Task List_by_cycle_returns_only_that_cycle_oldest_first()
    {
        var graph = await CreateGraphAsync();
        var otherCycle = TestData.Cycle();
        await Cycles.InsertAsync(otherCycle);
        var later = TestData.Objective(graph.Cycle.Id, createdAt: TestData.Instant.AddHours(1));
        var elsewhere = TestData.Objective(otherCycle.Id);
        await Objectives.InsertAsync(later);
        await Objectives.InsertAsync(elsewhere);

        var listed = await Objectives.ListByCycleAsync(graph.Cycle.Id);

        Assert.Equal([graph.Objective, later], listed);
    }

    [StorageFact]
    public async Task List_by_parent_key_result_returns_the_aligned_objectives()
    {
        var graph = await CreateGraphAsync();
        var aligned = TestData.Objective(graph.Cycle.Id, parentKeyResultId: graph.KeyResult.Id);
        await Objectives.InsertAsync(aligned);

        Assert.Equal([aligned], await Objectives.ListByParentKeyResultAsync(graph.KeyResult.Id));
        Assert.Empty(await Objectives.ListByParentKeyResultAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task Update_changes_the_fields_but_keeps_the_creation_time()
    {
        var graph = await CreateGraphAsync();
        var changed = graph.Objective with
        {
            Title = "Renamed",
            Description = null,
            Level = ObjectiveLevel.Company,
            Owner = "carol",
            Team = null,
            Visibility = Visibility.Private,
            ParentKeyResultId = graph.KeyResult.Id,
            Weight = 3,
            CreatedAt = TestData.Instant.AddYears(1),
        };

        await Objectives.UpdateAsync(changed);

        Assert.Equal(changed with { CreatedAt = graph.Objective.CreatedAt }, await Objectives.GetAsync(graph.Objective.Id));
    }

    [StorageFact]
    public async Task Delete_removes_its_key_results_and_everything_under_them_but_keeps_aligned_objectives()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id);
        await Links.InsertAsync(link);
        await CheckIns.InsertAsync(TestData.CheckIn(graph.KeyResult.Id));
        await Progress.RecordKeyResultProgressAsync(TestData.History(graph.KeyResult.Id, 0.5));
        await Progress.UpsertLinkProgressAsync(new LinkProgressRecord(link.Id, 0.5, "{}", TestData.Instant, null, false, null));
        var aligned = TestData.Objective(graph.Cycle.Id, parentKeyResultId: graph.KeyResult.Id);
        await Objectives.InsertAsync(aligned);

        await Objectives.DeleteAsync(graph.Objective.Id);

        Assert.Null(await Objectives.GetAsync(graph.Objective.Id));
        Assert.Null(await KeyResults.GetAsync(graph.KeyResult.Id));
        Assert.Null(await Links.GetAsync(link.Id));
        Assert.Null(await CheckIns.GetLatestAsync(graph.KeyResult.Id));
        Assert.Empty(await Progress.ListHistoryAsync(graph.KeyResult.Id, since: null));
        Assert.Empty(await Progress.ListLinkProgressAsync([link.Id]));
        Assert.Null((await Objectives.GetAsync(aligned.Id))!.ParentKeyResultId);
        Assert.NotNull(await Connectors.GetAsync(graph.Connector.Id));
    }
}
