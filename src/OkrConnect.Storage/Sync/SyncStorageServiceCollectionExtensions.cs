using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Storage.Sync;

public static class SyncStorageServiceCollectionExtensions
{
    /// <summary>
    /// The sync engine's repositories, singletons like the others (stateless, one connection per call). Needs
    /// <see cref="StorageServiceCollectionExtensions.AddOkrConnectStorage"/>; their tables come with migration 0002.
    /// </summary>
    public static IServiceCollection AddOkrConnectSyncStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IWorkItemRepository, WorkItemRepository>();
        services.TryAddSingleton<IWriteBackRepository, WriteBackRepository>();
        services.TryAddSingleton<ISyncRunRepository, SyncRunRepository>();
        services.TryAddSingleton<IConnectorSyncStateRepository, ConnectorSyncStateRepository>();
        services.TryAddSingleton<ISyncLockRepository, SyncLockRepository>();
        services.TryAddSingleton<ISyncRequestRepository, SyncRequestRepository>();
        services.TryAddSingleton<IWebhookInboxRepository, WebhookInboxRepository>();
        return services;
    }
}
