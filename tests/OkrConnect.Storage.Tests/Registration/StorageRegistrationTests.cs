using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Migrations;
using OkrConnect.Storage.Tests.Infrastructure;

namespace OkrConnect.Storage.Tests.Registration;

public sealed class StorageRegistrationTests
{
    [Fact]
    public void Defaults_are_sqlite_in_the_data_folder()
    {
        var options = new StorageOptions();

        Assert.Equal(StorageProvider.Sqlite, options.Provider);
        Assert.Equal("./data", options.DataDirectory);
        Assert.Null(options.ConnectionString);
        Assert.Equal("okrconnect.db", StorageOptions.SqliteFileName);
    }

    [Fact]
    public async Task Every_repository_the_host_needs_resolves_from_configuration()
    {
        await using var database = new SqliteTestDatabase();
        await using var services = Build(await database.CreateAsync());

        Assert.Same(SqlDialect.Sqlite, services.GetRequiredService<DatabaseConnectionFactory>().Dialect);
        foreach (var contract in new[]
                 {
                     typeof(ICycleRepository), typeof(IObjectiveRepository), typeof(IKeyResultRepository),
                     typeof(ILinkRepository), typeof(IConnectorRepository), typeof(ICheckInRepository),
                     typeof(IProgressRepository), typeof(IAccountRepository), typeof(IDataProtectionKeyRepository),
                     typeof(DatabaseMigrator), typeof(StorageHealthCheck),
                 })
        {
            Assert.NotNull(services.GetRequiredService(contract));
        }
    }

    [Fact]
    public async Task The_health_check_is_unhealthy_until_migrated()
    {
        await using var database = new SqliteTestDatabase();
        await using var services = Build(await database.CreateAsync());
        var check = services.GetRequiredService<StorageHealthCheck>();
        var context = new HealthCheckContext
        {
            Registration = new HealthCheckRegistration("storage", check, HealthStatus.Unhealthy, tags: null),
        };

        Assert.Equal(HealthStatus.Unhealthy, (await check.CheckHealthAsync(context)).Status);
        await services.MigrateOkrConnectStorageAsync();
        Assert.Equal(HealthStatus.Healthy, (await check.CheckHealthAsync(context)).Status);
    }

    [Fact]
    public void The_provider_binds_from_its_lower_case_name()
    {
        using var services = Build(new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "postgres",
            ["Storage:ConnectionString"] = "Host=127.0.0.1;Database=okrconnect",
        });

        Assert.Equal(StorageProvider.Postgres, services.GetRequiredService<IOptions<StorageOptions>>().Value.Provider);
        Assert.Same(SqlDialect.Postgres, services.GetRequiredService<DatabaseConnectionFactory>().Dialect);
    }

    [Fact]
    public void Postgres_without_a_connection_string_is_rejected_with_the_key_to_set()
    {
        using var services = Build(new Dictionary<string, string?> { ["Storage:Provider"] = "postgres" });

        var error = Assert.Throws<OptionsValidationException>(() => services.GetRequiredService<IOptions<StorageOptions>>().Value);
        Assert.Contains("Storage:ConnectionString", error.Message);
    }

    private static ServiceProvider Build(IReadOnlyDictionary<string, string?> settings) =>
        new ServiceCollection()
            .AddOkrConnectStorage(new ConfigurationBuilder().AddInMemoryCollection(settings).Build())
            .BuildServiceProvider(validateScopes: true);
}
