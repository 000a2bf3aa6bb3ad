using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;
using OkrConnect.Storage.Migrations;
using OkrConnect.Storage.Repositories;

namespace OkrConnect.Storage;

public static class StorageServiceCollectionExtensions
{
    /// <summary>
    /// Registers the database (section <c>Storage</c>: Provider, DataDirectory, ConnectionString), the migrator and
    /// every repository as singletons; repositories hold no state and open one connection per call.
    /// Call <see cref="StorageServiceProviderExtensions.MigrateOkrConnectStorageAsync"/> before serving.
    /// </summary>
    public static IServiceCollection AddOkrConnectStorage(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<StorageOptions>()
            .Bind(configuration.GetSection(StorageOptions.SectionName))
            .ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<StorageOptions>, StorageOptionsValidator>());

        services.TryAddSingleton(provider =>
            new DatabaseConnectionFactory(provider.GetRequiredService<IOptions<StorageOptions>>().Value));
        services.TryAddSingleton<DatabaseMigrator>();
        services.TryAddSingleton<StorageHealthCheck>();

        services.TryAddSingleton<ICycleRepository, CycleRepository>();
        services.TryAddSingleton<IObjectiveRepository, ObjectiveRepository>();
        services.TryAddSingleton<IKeyResultRepository, KeyResultRepository>();
        services.TryAddSingleton<ILinkRepository, LinkRepository>();
        services.TryAddSingleton<IConnectorRepository, ConnectorRepository>();
        services.TryAddSingleton<ICheckInRepository, CheckInRepository>();
        services.TryAddSingleton<IProgressRepository, ProgressRepository>();
        services.TryAddSingleton<IManualProgressRepository, ManualProgressRepository>();
        services.TryAddSingleton<IAccountRepository, AccountRepository>();
        services.TryAddSingleton<ITokenRevocationRepository, TokenRevocationRepository>();
        services.TryAddSingleton<IDataProtectionKeyRepository, DataProtectionKeyRepository>();
        return services;
    }
}
