using System.Globalization;
using System.Net.Http.Headers;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// The primary rate-limit state GitHub reports on every response (<c>x-ratelimit-*</c>).
/// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit
/// </summary>
internal sealed record RateLimitSnapshot(int Limit, int Remaining, int Used, DateTimeOffset Reset, string Resource)
{
    /// <summary>Null when the response carries no rate-limit headers (GitHub Enterprise Server has them off by default).</summary>
    public static RateLimitSnapshot? FromHeaders(HttpResponseHeaders headers)
    {
        if (Read(headers, "x-ratelimit-remaining") is not { } remaining || Read(headers, "x-ratelimit-reset") is not { } reset
            || !IsEpochSeconds(reset))
        {
            // Absent, or not what GitHub documents (a proxy, a recording with milliseconds): no basis for pacing.
            return null;
        }

        return new RateLimitSnapshot(
            (int)(Read(headers, "x-ratelimit-limit") ?? 0),
            (int)remaining,
            (int)(Read(headers, "x-ratelimit-used") ?? 0),
            DateTimeOffset.FromUnixTimeSeconds(reset),
            headers.TryGetValues("x-ratelimit-resource", out var resource) ? resource.First() : "core");
    }

    public IReadOnlyDictionary<string, string> ToDictionary() => new Dictionary<string, string>
    {
        ["resource"] = Resource,
        ["limit"] = Limit.ToString(CultureInfo.InvariantCulture),
        ["remaining"] = Remaining.ToString(CultureInfo.InvariantCulture),
        ["used"] = Used.ToString(CultureInfo.InvariantCulture),
        ["reset"] = Reset.ToString("O", CultureInfo.InvariantCulture),
    };

    internal static bool IsEpochSeconds(long value) => value is >= 0 and <= 253402300799;

    private static long? Read(HttpResponseHeaders headers, string name) =>
        headers.TryGetValues(name, out var values)
        && long.TryParse(values.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var value)
            ? value
            : null;
}

/// <summary>
/// One token's core REST budget, as last reported. Used to pause before the budget runs dry instead of after.
/// </summary>
internal sealed class RateLimitBudget
{
    private readonly Lock _gate = new();
    private RateLimitSnapshot? _latest;

    public RateLimitSnapshot? Latest
    {
        get
        {
            lock (_gate)
            {
                return _latest;
            }
        }
    }

    public void Observe(RateLimitSnapshot snapshot)
    {
        // Search and GraphQL have budgets of their own; only the core budget gates REST calls.
        if (snapshot.Resource != "core")
        {
            return;
        }

        lock (_gate)
        {
            // Concurrent responses can arrive out of order: a later window wins, within a window the lowest count wins.
            if (_latest is null || snapshot.Reset > _latest.Reset
                || (snapshot.Reset == _latest.Reset && snapshot.Remaining < _latest.Remaining))
            {
                _latest = snapshot;
            }
        }
    }

    /// <summary>How long to wait so that <paramref name="reserve"/> requests stay in hand; zero when there is room.</summary>
    public TimeSpan WaitToKeep(int reserve, DateTimeOffset now)
    {
        var latest = Latest;
        if (latest is null || latest.Remaining >= reserve)
        {
            return TimeSpan.Zero;
        }

        // One second past the reset: the header is whole seconds, and an early call would still land in the old window.
        var wait = latest.Reset.AddSeconds(1) - now;
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
