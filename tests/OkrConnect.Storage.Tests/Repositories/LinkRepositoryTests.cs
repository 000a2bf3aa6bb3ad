using System.Data.Common;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Repositories;

public sealed class LinkRepositoryOnSqlite : LinkRepositoryTests<SqliteTestDatabase>;

public sealed class LinkRepositoryOnPostgres : LinkRepositoryTests<PostgresTestDatabase>;

public abstract class LinkRepositoryTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    [StorageFact]
    public async Task Insert_then_get_round_trips_every_model_and_write_back_mode()
    {
        var graph = await CreateGraphAsync();

        foreach (var model in Enum.GetValues<ProgressModel>())
        {
            foreach (var writeBack in Enum.GetValues<WriteBackMode>())
            {
                var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id) with { Model = model, WriteBack = writeBack };
                await Links.InsertAsync(link);
                Assert.Equal(link, await Links.GetAsync(link.Id));
            }
        }

        Assert.Null(await Links.GetAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task Optional_fields_round_trip_as_null()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id) with { TargetTitle = null, TargetUrl = null };

        await Links.InsertAsync(link);

        Assert.Equal(link, await Links.GetAsync(link.Id));
    }

    [StorageFact]
    public async Task List_by_key_result_and_by_connector_return_only_their_own()
    {
        var graph = await CreateGraphAsync();
        var otherKeyResult = TestData.KeyResult(graph.Objective.Id);
        var otherConnector = TestData.Connector("GitHub");
        await KeyResults.InsertAsync(otherKeyResult);
        await Connectors.InsertAsync(otherConnector, ProtectedSecrets.Unchanged);
        var first = TestData.Link(graph.KeyResult.Id, graph.Connector.Id, "PROJ-2", TestData.Instant);
        var second = TestData.Link(graph.KeyResult.Id, otherConnector.Id, "PROJ-1", TestData.Instant.AddSeconds(1));
        var third = TestData.Link(otherKeyResult.Id, graph.Connector.Id, "PROJ-1", TestData.Instant.AddSeconds(2));
        foreach (var link in new[] { first, second, third })
        {
            await Links.InsertAsync(link);
        }

        Assert.Equal([first, second], await Links.ListByKeyResultAsync(graph.KeyResult.Id));
        Assert.Equal([third, first], await Links.ListByConnectorAsync(graph.Connector.Id));
        Assert.Empty(await Links.ListByConnectorAsync(Guid.NewGuid()));
    }

    [StorageFact]
    public async Task List_by_many_key_results_gives_each_its_links_as_listing_it_alone()
    {
        var graph = await CreateGraphAsync();
        var otherKeyResult = TestData.KeyResult(graph.Objective.Id);
        var bare = TestData.KeyResult(graph.Objective.Id);
        await KeyResults.InsertAsync(otherKeyResult);
        await KeyResults.InsertAsync(bare);
        var links = new[]
        {
            TestData.Link(graph.KeyResult.Id, graph.Connector.Id, "PROJ-3", TestData.Instant.AddSeconds(2)),
            TestData.Link(otherKeyResult.Id, graph.Connector.Id, "PROJ-1", TestData.Instant),
            TestData.Link(graph.KeyResult.Id, graph.Connector.Id, "PROJ-2", TestData.Instant),
            TestData.Link(graph.KeyResult.Id, graph.Connector.Id, "PROJ-1", TestData.Instant.AddSeconds(1)),
        };
        foreach (var link in links)
        {
            await Links.InsertAsync(link);
        }

        // More ids than one query takes, unknown ones among them.
        var unknown = Enumerable.Range(0, 510).Select(_ => Guid.NewGuid()).ToList();
        var listed = await Links.ListByKeyResultsAsync([.. unknown.Take(300), graph.KeyResult.Id, otherKeyResult.Id, bare.Id, .. unknown.Skip(300), graph.KeyResult.Id]);

        Assert.Equal(513, listed.Count);
        Assert.Equal(await Links.ListByKeyResultAsync(graph.KeyResult.Id), listed[graph.KeyResult.Id]);
        Assert.Equal([links[2], links[3], links[0]], listed[graph.KeyResult.Id]);
        Assert.Equal([links[1]], listed[otherKeyResult.Id]);
        Assert.Empty(listed[bare.Id]);
        Assert.Empty(listed[unknown[505]]);
        Assert.Empty(await Links.ListByKeyResultsAsync([]));
    }

    [StorageFact]
    public async Task Update_changes_the_fields_but_keeps_the_creation_time()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id);
        await Links.InsertAsync(link);
        var changed = link with
        {
            TargetKind = "jira-jql",
            TargetKey = "project = PROJ AND fixVersion = 1.2",
            Weight = 0.5,
            Model = ProgressModel.Points,
            WriteBack = WriteBackMode.None,
            TargetTitle = null,
            TargetUrl = null,
            CreatedAt = TestData.Instant.AddDays(1),
        };

        await Links.UpdateAsync(changed);

        Assert.Equal(changed with { CreatedAt = link.CreatedAt }, await Links.GetAsync(link.Id));
    }

    [StorageFact]
    public async Task Delete_removes_the_link_and_its_progress()
    {
        var graph = await CreateGraphAsync();
        var link = TestData.Link(graph.KeyResult.Id, graph.Connector.Id);
        await Links.InsertAsync(link);
        await Progress.UpsertLinkProgressAsync(new LinkProgressRecord(link.Id, 0.3, "{}", TestData.Instant, null, true, "timeout"));

        await Links.DeleteAsync(link.Id);

        Assert.Null(await Links.GetAsync(link.Id));
        Assert.Empty(await Progress.ListLinkProgressAsync([link.Id]));
    }

    [StorageFact]
    public async Task A_connector_still_used_by_a_link_cannot_be_deleted()
    {
        var graph = await CreateGraphAsync();
        await Links.InsertAsync(TestData.Link(graph.KeyResult.Id, graph.Connector.Id));

        await Assert.ThrowsAnyAsync<DbException>(() => Connectors.DeleteAsync(graph.Connector.Id));

        Assert.NotNull(await Connectors.GetAsync(graph.Connector.Id));
    }

    [StorageFact]
    public async Task A_link_to_a_missing_key_result_is_rejected()
    {
        var graph = await CreateGraphAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => Links.InsertAsync(TestData.Link(Guid.NewGuid(), graph.Connector.Id)));
    }
}
