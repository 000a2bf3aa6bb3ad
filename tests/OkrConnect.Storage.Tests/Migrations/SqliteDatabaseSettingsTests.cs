using Dapper;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Migrations;

/// <summary>The SQLite settings that concurrency and integrity rely on.</summary>
public sealed class SqliteDatabaseSettingsTests : StorageTest<SqliteTestDatabase>
{
    [Fact]
    public async Task The_file_is_in_wal_mode_with_foreign_keys_and_a_busy_timeout()
    {
        await using var connection = await Connections.OpenAsync();

        Assert.Equal("wal", await connection.ExecuteScalarAsync<string>("PRAGMA journal_mode"));
        Assert.Equal(1L, await connection.ExecuteScalarAsync<long>("PRAGMA foreign_keys"));
        Assert.Equal(5000L, await connection.ExecuteScalarAsync<long>("PRAGMA busy_timeout"));
    }

    [Fact]
    public async Task The_file_is_okrconnect_db_in_the_data_directory()
    {
        var directory = Configuration["Storage:DataDirectory"]!;

        await using var connection = await Connections.OpenAsync();

        Assert.True(File.Exists(Path.Combine(directory, StorageOptions.SqliteFileName)));
    }

    [Fact]
    public async Task Values_are_stored_in_the_documented_text_forms()
    {
        var cycle = TestData.Cycle();
        await Cycles.InsertAsync(cycle);

        await using var connection = await Connections.OpenAsync();
        var row = await connection.QuerySingleAsync<(string Id, string StartDate, string State, string CreatedAt)>(
            "SELECT id, start_date, state, created_at FROM cycles");

        Assert.Equal(cycle.Id.ToString("D"), row.Id);
        Assert.Equal("2026-01-01", row.StartDate);
        Assert.Equal("active", row.State);
        Assert.Equal("2026-03-14T07:26:53.589793Z", row.CreatedAt);
    }
}
