using System.Data.Common;
using Dapper;
using OkrConnect.Storage.Migrations;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Migrations;

public sealed class DatabaseMigratorOnSqlite : DatabaseMigratorTests<SqliteTestDatabase>;

public sealed class DatabaseMigratorOnPostgres : DatabaseMigratorTests<PostgresTestDatabase>;

public abstract class DatabaseMigratorTests<TDatabase> : StorageTest<TDatabase>
    where TDatabase : ITestDatabase, new()
{
    protected override bool MigrateOnStart => false;

    [StorageFact]
    public async Task An_empty_database_is_reachable_with_every_script_pending()
    {
        var status = await Migrator.GetStatusAsync();

        Assert.True(status.Reachable);
        Assert.False(status.IsReady);
        Assert.Empty(status.Applied);
        Assert.Equal("0001_initial.sql", status.Pending[0]);
        Assert.Null(status.Error);
    }

    [StorageFact]
    public async Task Migrating_applies_the_scripts_once_and_records_them()
    {
        var first = await Migrator.MigrateAsync();
        var second = await Migrator.MigrateAsync();

        Assert.Contains("0001_initial.sql", first);
        Assert.Empty(second);

        var status = await Migrator.GetStatusAsync();
        Assert.True(status.IsReady);
        Assert.Equal(0, status.PendingCount);
        Assert.Equal(first, status.Applied);

        await using var connection = await Connections.OpenAsync();
        var journal = await connection.QueryAsync<string>($"SELECT scriptname FROM {DatabaseMigrator.JournalTable} ORDER BY scriptname");
        Assert.Equal(first, journal);
    }

    [StorageFact]
    public async Task A_second_instance_finds_nothing_to_apply()
    {
        await Migrator.MigrateAsync();

        await using var secondInstance = CreateSecondInstance();

        Assert.Empty(await secondInstance.MigrateOkrConnectStorageAsync());
    }

    [StorageFact]
    public async Task The_schema_has_every_table_the_repositories_use()
    {
        await Migrator.MigrateAsync();

        await using var connection = await Connections.OpenAsync();
        foreach (var table in new[]
                 {
                     "cycles", "objectives", "key_results", "links", "connectors", "check_ins",
                     "link_progress", "progress_history", "accounts", "data_protection_keys",
                 })
        {
            Assert.Equal(0, await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}"));
        }
    }

    [StorageFact]
    public async Task Foreign_keys_are_enforced()
    {
        await Migrator.MigrateAsync();

        await Assert.ThrowsAnyAsync<DbException>(() => Objectives.InsertAsync(TestData.Objective(cycleId: Guid.NewGuid())));
    }
}

/// <summary>Several servers on one PostgreSQL database starting at once: exactly one applies each script.</summary>
public sealed class PostgresMigrationLockTests : StorageTest<PostgresTestDatabase>
{
    protected override bool MigrateOnStart => false;

    [StorageFact]
    public async Task Servers_migrating_at_the_same_time_apply_each_script_once()
    {
        var instances = Enumerable.Range(0, 4).Select(_ => CreateSecondInstance()).ToList();
        try
        {
            var applied = await Task.WhenAll(instances.Select(instance => Task.Run(() => instance.MigrateOkrConnectStorageAsync())));

            var status = await Migrator.GetStatusAsync();
            Assert.True(status.IsReady);
            Assert.Equal(status.Applied.Order(), applied.SelectMany(scripts => scripts).Order());
        }
        finally
        {
            foreach (var instance in instances)
            {
                await instance.DisposeAsync();
            }
        }
    }
}
