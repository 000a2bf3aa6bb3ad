using DbUp;
using DbUp.Builder;
using DbUp.Engine;
using DbUp.Postgresql;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Migrations;

/// <summary>
/// Applies the numbered, forward-only scripts in <c>Migrations/&lt;Engine&gt;/</c> (DbUp), each in its own
/// transaction together with its row in <see cref="JournalTable"/>. Run once at start-up before serving.
/// </summary>
public sealed class DatabaseMigrator(DatabaseConnectionFactory connections, ILogger<DatabaseMigrator>? logger = null)
{
    /// <summary>Records which scripts ran (DbUp's journal: script name and time applied).</summary>
    public const string JournalTable = "schema_migrations";

    private readonly ILogger logger = logger ?? NullLogger<DatabaseMigrator>.Instance;

    /// <summary>Applies the pending scripts and returns their names (empty when the database was up to date).</summary>
    public async Task<IReadOnlyList<string>> MigrateAsync(CancellationToken ct = default)
    {
        await PrepareDatabaseAsync(ct);

        DatabaseUpgradeResult result;
        await using (await MigrationLock.AcquireAsync(connections, ct))
        {
            // DbUp is synchronous; keep it off the caller's thread.
            result = await Task.Run(() => Engine(log: true).PerformUpgrade(), ct);
        }

        if (!result.Successful)
        {
            throw new DatabaseMigrationException(result.ErrorScript?.Name, result.Error);
        }

        var applied = result.Scripts.Select(script => script.Name).ToList();
        logger.LogInformation(
            "Database ({Engine}) migrated: {Count} script(s) applied {Scripts}",
            connections.Dialect, applied.Count, applied);
        return applied;
    }

    /// <summary>Whether the database answers and which scripts are applied or pending; never throws.</summary>
    public async Task<MigrationStatus> GetStatusAsync(CancellationToken ct = default)
    {
        try
        {
            await using (await connections.OpenAsync(ct))
            {
            }

            return await Task.Run(
                () =>
                {
                    var engine = Engine(log: false);
                    return new MigrationStatus(
                        Reachable: true,
                        Applied: engine.GetExecutedScripts(),
                        Pending: engine.GetScriptsToExecute().Select(script => script.Name).ToList(),
                        Error: null);
                },
                ct);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            return MigrationStatus.Unreachable(e.Message);
        }
    }

    private async Task PrepareDatabaseAsync(CancellationToken ct)
    {
        if (connections.Dialect != SqlDialect.Sqlite)
        {
            return;
        }

        // WAL lets readers work while one writer writes; the mode is stored in the file, and it cannot be
        // switched inside a transaction, so it is set here rather than in a migration script.
        await using var connection = await connections.OpenAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL;";
        await command.ExecuteScalarAsync(ct);
    }

    private UpgradeEngine Engine(bool log)
    {
        var scripts = MigrationScripts.For(connections.Dialect);
        UpgradeEngineBuilder builder;
        if (connections.PostgresDataSource is { } dataSource)
        {
            // The journal lives in the first schema of the search path, like the tables the scripts create.
            // No schema is given to the executor itself: DbUp would then run CREATE SCHEMA, which needs a
            // privilege the application role should not need.
            var schema = FirstSearchPathSchema(connections.ConnectionString);
            builder = DeployChanges.To
                .PostgresqlDatabase(new PostgresqlConnectionManager(dataSource))
                .JournalToPostgresqlTable(schema, JournalTable);
        }
        else
        {
            builder = DeployChanges.To
                .SqliteDatabase(connections.ConnectionString)
                .JournalToSqliteTable(JournalTable);
        }

        builder = builder
            .WithScripts(scripts)
            .WithTransactionPerScript()
            // Scripts are plain SQL; DbUp's $variable$ substitution would only get in the way.
            .WithVariablesDisabled();

        return (log ? builder.LogTo(logger) : builder.LogToNowhere()).Build();
    }

    private static string FirstSearchPathSchema(string connectionString)
    {
        var searchPath = new NpgsqlConnectionStringBuilder(connectionString).SearchPath;
        var first = searchPath?.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(entry => entry != "\"$user\"" && entry != "$user");
        return string.IsNullOrEmpty(first) ? "public" : first.Trim('"');
    }
}
