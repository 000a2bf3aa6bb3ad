using System.Globalization;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// What one credential shares across calls: its rate-limit budget and its mutation pacer.
/// Keyed by the credential (not the connector) because GitHub's limits follow the token.
/// </summary>
internal sealed record GitHubLane(string Key, RateLimitBudget Budget, MutationPacer Pacer);

/// <summary>
/// Counts what one connector operation (a fetch, a write-back, a test) cost, across every request it made.
/// Thread-safe: a fetch reads several targets at once.
/// </summary>
internal sealed class GitHubCallScope
{
    private int _apiCalls;
    private int _notModified;
    private RateLimitSnapshot? _latest;

    public int ApiCalls => Volatile.Read(ref _apiCalls);

    /// <summary>Answers 304 Not Modified: counted as calls, but GitHub does not charge them to the rate limit.</summary>
    public int NotModified => Volatile.Read(ref _notModified);

    public void Count(bool notModified, RateLimitSnapshot? snapshot)
    {
        Interlocked.Increment(ref _apiCalls);
        if (notModified)
        {
            Interlocked.Increment(ref _notModified);
        }

        if (snapshot is not null)
        {
            Volatile.Write(ref _latest, snapshot);
        }
    }

    /// <summary>The last rate-limit headers seen, plus how many calls were free 304s, for <c>FetchResult.RateLimit</c>.</summary>
    public IReadOnlyDictionary<string, string> RateLimit()
    {
        var result = new Dictionary<string, string>();
        if (Volatile.Read(ref _latest) is { } latest)
        {
            foreach (var (key, value) in latest.ToDictionary())
            {
                result[key] = value;
            }
        }

        result["notModified"] = NotModified.ToString(CultureInfo.InvariantCulture);
        return result;
    }
}

/// <summary>
/// Everything a single HTTP request needs beyond its URL: whose token, which budget and pacer, which operation to
/// charge, and the connector's rate-limit settings. It rides on the request so the message handlers can see it.
/// A class, not a record: a record's generated ToString would print the token.
/// </summary>
internal sealed class GitHubCall(string token, GitHubLane lane, GitHubCallScope scope, GitHubSettings settings)
{
    public static readonly HttpRequestOptionsKey<GitHubCall> OptionKey = new("OkrConnect.GitHub.Call");

    /// <summary>The bearer token: a personal access token, an installation token or the app's JWT.</summary>
    public string Token { get; } = token;

    /// <summary>The full Authorization header value, e.g. <c>Bearer ghs_…</c>.</summary>
    public string Authorization => $"Bearer {Token}";

    public GitHubLane Lane { get; } = lane;

    public GitHubCallScope Scope { get; } = scope;

    public GitHubSettings Settings { get; } = settings;

    public override string ToString() => $"GitHubCall {{ Lane = {Lane.Key} }}";
}
