using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;

namespace OkrConnect.Storage.Practice;

public static class PracticeStorageServiceCollectionExtensions
{
    /// <summary>
    /// The OKR practice's repositories, singletons like the others (stateless, one connection per call). Needs
    /// <see cref="StorageServiceCollectionExtensions.AddOkrConnectStorage"/>; their tables come with migrations 0003 and 0007.
    /// </summary>
    public static IServiceCollection AddOkrConnectPracticeStorage(this IServiceCollection services)
    {
        services.TryAddSingleton<IReminderSettingsRepository, ReminderSettingsRepository>();
        services.TryAddSingleton<IReminderDeliveryRepository, ReminderDeliveryRepository>();
        services.TryAddSingleton<IKeyResultRiskStateRepository, KeyResultRiskStateRepository>();
        services.TryAddSingleton<IKeyResultScoreRepository, KeyResultScoreRepository>();
        services.TryAddSingleton<IRetrospectiveRepository, RetrospectiveRepository>();
        services.TryAddSingleton<IDecompositionRepository, DecompositionRepository>();
        services.TryAddSingleton<IWorkSightingRepository, WorkSightingRepository>();
        services.TryAddSingleton<ITrackerAccountRepository, TrackerAccountRepository>();
        return services;
    }
}
