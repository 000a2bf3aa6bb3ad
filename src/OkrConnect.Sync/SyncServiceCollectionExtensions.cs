using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OkrConnect.Storage.Sync;
using OkrConnect.Sync.Connectors;
using OkrConnect.Sync.Coordination;
using OkrConnect.Sync.Engine;
using OkrConnect.Sync.Health;
using OkrConnect.Sync.Scheduling;
using OkrConnect.Sync.Webhooks;
using OkrConnect.Sync.WriteBack;

namespace OkrConnect.Sync;

public static class SyncServiceCollectionExtensions
{
    /// <summary>
    /// The sync engine, its repositories, the webhook processor and the recurring-job schedule. The host adds an
    /// <see cref="ISecretUnprotector"/>, the connectors (one line each) and Hangfire.
    /// </summary>
    public static IServiceCollection AddOkrConnectSyncEngine(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SyncOptions>()
            .Bind(configuration.GetSection(SyncOptions.Section))
            .Validate(o => o.Validate().Count == 0, "The Sync section is invalid: check BatchSize, WebhookProcessingDelayMs, LeaseSeconds and WebhookDeliveryRetentionHours (at least 72).")
            .ValidateOnStart();
        services.AddOptions<PublicUrlOptions>()
            .Bind(configuration.GetSection(PublicUrlOptions.Section))
            .Validate(o => Uri.TryCreate(o.PublicBaseUrl, UriKind.Absolute, out _), "OkrConnect:PublicBaseUrl must be an absolute URL.")
            .ValidateOnStart();

        services.AddOkrConnectSyncStorage();
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<SyncInstance>();
        services.TryAddSingleton<WebhookSignal>();

        services.TryAddScoped<ConnectorCatalog>();
        services.TryAddScoped<ConnectorContextLoader>();
        services.TryAddScoped<TargetFetcher>();
        services.TryAddScoped<WorkProgressRecalculator>();
        services.TryAddScoped<AlignmentRollUpRecorder>();
        services.TryAddScoped<WriteBackContentBuilder>();
        services.TryAddScoped<WriteBackPublisher>();
        services.TryAddScoped<ConnectorHealthRepository>();
        services.TryAddScoped<SyncEngine>();
        services.TryAddScoped<SyncLeases>();
        services.TryAddScoped<SyncCoordinator>();
        services.TryAddScoped<SyncJobs>();
        services.TryAddScoped<WebhookReceiver>();
        services.TryAddScoped<KeyResultRefresher>();
        services.TryAddScoped<LinkTargetValidator>();

        services.AddHostedService<WebhookProcessor>();
        services.AddHostedService<RecurringSyncSchedule>();
        return services;
    }
}
