using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira;

public static class JiraServiceCollectionExtensions
{
    /// <summary>
    /// Registers the Jira connector as an <see cref="ITrackerConnector"/> and its typed HTTP client with retries.
    /// <paramref name="configure"/> tunes the retry delays (tests make them tiny).
    /// </summary>
    public static IServiceCollection AddJiraConnector(this IServiceCollection services, Action<JiraResilienceOptions>? configure = null)
    {
        var options = services.AddOptions<JiraResilienceOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        // A second call only adds its options: the client and its handlers must not be registered twice.
        if (services.Any(d => d.ServiceType == typeof(JiraSiteCache)))
        {
            return services;
        }

        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<JiraSiteCache>();
        services.AddSingleton<JiraConcurrencyLimiter>();

        // The connector is a singleton holding the typed client, so connections are recycled by the socket handler's
        // lifetime instead of the factory's handler rotation (which a held client would never see).
        // Handlers run outside-in in the order added: retries wrap the observer, so every attempt is counted.
        var http = services.AddHttpClient<JiraClient>(client => client.Timeout = Timeout.InfiniteTimeSpan)
            .UseSocketsHttpHandler((handler, _) => handler.PooledConnectionLifetime = TimeSpan.FromMinutes(5))
            .SetHandlerLifetime(Timeout.InfiniteTimeSpan);
        http.AddResilienceHandler("jira", (pipeline, context) =>
            JiraResilience.Configure(pipeline, context.ServiceProvider.GetRequiredService<IOptions<JiraResilienceOptions>>().Value));
        http.AddHttpMessageHandler(() => new JiraCallObserver());

        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITrackerConnector, JiraConnector>(
            provider => new JiraConnector(provider.GetRequiredService<JiraClient>(), provider.GetRequiredService<JiraSiteCache>())));
        return services;
    }
}
