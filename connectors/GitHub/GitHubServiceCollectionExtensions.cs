using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using Polly;

namespace OkrConnect.Connectors.GitHub;

public static class GitHubServiceCollectionExtensions
{
    /// <summary>
    /// Registers the GitHub connector as an <see cref="ITrackerConnector"/> with its HTTP pipeline:
    /// rate-limit handling (outermost), transient retries for reads with a per-attempt timeout, and the response
    /// observer that counts calls and records rate-limit headers (innermost). Both the connector's HttpClient calls
    /// (<see cref="GitHubTransport"/>) and its Octokit calls (<see cref="GitHubOctokit"/>) run on this one pipeline.
    /// </summary>
    public static IServiceCollection AddGitHubConnector(this IServiceCollection services, Action<GitHubConnectorOptions>? configure = null)
    {
        services.TryAddSingleton(TimeProvider.System);
        var options = services.AddOptions<GitHubConnectorOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddTransient<GitHubRateLimitHandler>();
        services.TryAddTransient<GitHubResponseObserver>();
        var http = services.AddHttpClient(GitHubTransport.HttpClientName, client =>
        {
            // Rate-limit waits can be long and are bounded by the connector's own settings; attempts have their own timeout.
            client.Timeout = Timeout.InfiniteTimeSpan;
        });
        http.AddHttpMessageHandler<GitHubRateLimitHandler>();
        http.AddResilienceHandler("github-transient", ConfigureTransientRetries);
        http.AddHttpMessageHandler<GitHubResponseObserver>();

        services.TryAddSingleton<GitHubTransport>();
        services.TryAddSingleton<GitHubOctokit>();
        services.TryAddSingleton<GitHubLanes>();
        services.TryAddSingleton<GitHubSessions>();
        services.TryAddSingleton(sp => new GitHubConnector(sp.GetRequiredService<GitHubSessions>(), sp.GetRequiredService<GitHubLanes>()));
        services.TryAddEnumerable(ServiceDescriptor.Singleton<ITrackerConnector, GitHubConnector>(sp => sp.GetRequiredService<GitHubConnector>()));
        return services;
    }

    /// <summary>
    /// Retries 408, 5xx, timeouts and connection failures, honouring <c>Retry-After</c>, for reads only: a create that
    /// timed out may have gone through, and the next run's marker search is the safe way to find out.
    /// 429 is left to <see cref="GitHubRateLimitHandler"/>, which knows GitHub's rate-limit headers.
    /// </summary>
    private static void ConfigureTransientRetries(ResiliencePipelineBuilder<HttpResponseMessage> builder, ResilienceHandlerContext context)
    {
        var options = context.ServiceProvider.GetRequiredService<IOptions<GitHubConnectorOptions>>().Value;
        var time = context.ServiceProvider.GetRequiredService<TimeProvider>();
        builder.TimeProvider = time;

        var retry = new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = Math.Max(1, options.MaxTransientRetries),
            Delay = options.TransientRetryDelay,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = false,
            ShouldRetryAfterHeader = true,
            // IsTransient covers 408, 429 and 5xx; 409 (a conflicting concurrent change) and 425 (too early) pass too
            // when asked again, as the engine's retry policy says.
            ShouldHandle = args => ValueTask.FromResult(
                (HttpClientResiliencePredicates.IsTransient(args.Outcome)
                    || args.Outcome.Result?.StatusCode is System.Net.HttpStatusCode.Conflict or (System.Net.HttpStatusCode)425)
                && args.Outcome.Result?.StatusCode != System.Net.HttpStatusCode.TooManyRequests),
        };
        retry.DisableForUnsafeHttpMethods();
        if (options.MaxTransientRetries > 0)
        {
            builder.AddRetry(retry);
        }

        builder.AddTimeout(options.AttemptTimeout);
    }
}
