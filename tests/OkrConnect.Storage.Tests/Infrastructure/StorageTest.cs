using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Migrations;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>
/// Base of every engine-parametrised test class: each test gets a fresh, migrated database on
/// <typeparamref name="TDatabase"/>, wired exactly as the host wires it (<c>AddOkrConnectStorage</c>).
/// </summary>
public abstract class StorageTest<TDatabase> : IAsyncLifetime
    where TDatabase : ITestDatabase, new()
{
    private readonly TDatabase database = new();
    private ServiceProvider? services;

    protected IServiceProvider Services => services ?? throw new InvalidOperationException("Not initialised.");

    protected IConfiguration Configuration { get; private set; } = new ConfigurationBuilder().Build();

    protected DatabaseConnectionFactory Connections => Services.GetRequiredService<DatabaseConnectionFactory>();

    protected DatabaseMigrator Migrator => Services.GetRequiredService<DatabaseMigrator>();

    protected ICycleRepository Cycles => Services.GetRequiredService<ICycleRepository>();

    protected IObjectiveRepository Objectives => Services.GetRequiredService<IObjectiveRepository>();

    protected IKeyResultRepository KeyResults => Services.GetRequiredService<IKeyResultRepository>();

    protected ILinkRepository Links => Services.GetRequiredService<ILinkRepository>();

    protected IConnectorRepository Connectors => Services.GetRequiredService<IConnectorRepository>();

    protected ICheckInRepository CheckIns => Services.GetRequiredService<ICheckInRepository>();

    protected IProgressRepository Progress => Services.GetRequiredService<IProgressRepository>();

    protected IAccountRepository Accounts => Services.GetRequiredService<IAccountRepository>();

    protected IDataProtectionKeyRepository DataProtectionKeys => Services.GetRequiredService<IDataProtectionKeyRepository>();

    /// <summary>Whether <see cref="InitializeAsync"/> migrates; migration tests start from an empty database.</summary>
    protected virtual bool MigrateOnStart => true;

    public async Task InitializeAsync()
    {
        var settings = await database.CreateAsync();
        Configuration = new ConfigurationBuilder().AddInMemoryCollection(settings).Build();
        services = new ServiceCollection().AddOkrConnectStorage(Configuration).BuildServiceProvider(validateScopes: true);
        if (MigrateOnStart)
        {
            await Services.MigrateOkrConnectStorageAsync();
        }
    }

    public async Task DisposeAsync()
    {
        if (services is not null)
        {
            await services.DisposeAsync();
        }

        await database.DisposeAsync();
    }

    protected async Task<Graph> CreateGraphAsync()
    {
        var cycle = TestData.Cycle();
        var objective = TestData.Objective(cycle.Id);
        var keyResult = TestData.KeyResult(objective.Id);
        var connector = TestData.Connector();
        await Cycles.InsertAsync(cycle);
        await Objectives.InsertAsync(objective);
        await KeyResults.InsertAsync(keyResult);
        await Connectors.InsertAsync(connector, ProtectedSecrets.Unchanged);
        return new Graph(cycle, objective, keyResult, connector);
    }

    /// <summary>A second, independent wiring of the same database, like another app instance.</summary>
    protected ServiceProvider CreateSecondInstance() =>
        new ServiceCollection().AddOkrConnectStorage(Configuration).BuildServiceProvider(validateScopes: true);
}
