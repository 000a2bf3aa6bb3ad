namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Host-wide knobs of the GitHub connector (not per connector: those are <see cref="GitHubSettings"/>).
/// The defaults suit production; tests shrink the delays.
/// </summary>
public sealed class GitHubConnectorOptions
{
    /// <summary>Retries of transient failures (408, 5xx, timeouts, connection errors) for reads; writes are not retried.</summary>
    public int MaxTransientRetries { get; set; } = 3;

    /// <summary>First delay between transient retries (exponential after that), unless GitHub sends <c>Retry-After</c>.</summary>
    public TimeSpan TransientRetryDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often a rate-limit refusal (403/429) is waited out and retried before failing as RateLimited.</summary>
    public int MaxRateLimitRetries { get; set; } = 3;

    /// <summary>Timeout of a single HTTP attempt.</summary>
    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>GitHub requires a User-Agent naming the client.</summary>
    public string UserAgent { get; set; } = "OkrConnect-GitHub";

    /// <summary>Spacing of writes per token.</summary>
    public MutationPacing MutationPacing { get; set; } = MutationPacing.GitHubDefaults;

    /// <summary>Conditional-request cache entries kept per connector (one per URL).</summary>
    public int EtagCacheCapacity { get; set; } = 1000;
}
