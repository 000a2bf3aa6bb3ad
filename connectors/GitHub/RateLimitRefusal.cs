using System.Globalization;
using System.Net;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Recognises GitHub's "slow down" answers and how long they ask us to wait, following
/// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#exceeding-the-rate-limit :
/// a 403 or 429 with <c>retry-after</c> (wait that long), with <c>x-ratelimit-remaining: 0</c> (wait for the reset),
/// or a secondary-limit message (wait at least a minute, longer on each repeat). Both HTTP paths (HttpClient and
/// Octokit) go through the same handler, so both honour these the same way.
/// A 403 that is none of these is a permission problem, not a rate limit.
/// </summary>
internal static class RateLimitRefusal
{
    private static readonly TimeSpan SecondaryLimitBackoff = TimeSpan.FromMinutes(1);

    /// <summary>The wait GitHub asks for, or null when the response is not a rate-limit refusal.</summary>
    public static TimeSpan? RequestedWait(HttpStatusCode status, HttpResponseMessage response, string? body, DateTimeOffset now, int repeat)
    {
        if (status is not (HttpStatusCode.Forbidden or HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        if (RetryAfter(response, now) is { } retryAfter)
        {
            return retryAfter;
        }

        if (RateLimitSnapshot.FromHeaders(response.Headers) is { Remaining: 0 } exhausted)
        {
            var untilReset = exhausted.Reset.AddSeconds(1) - now;
            return untilReset > TimeSpan.Zero ? untilReset : TimeSpan.Zero;
        }

        if (status == HttpStatusCode.TooManyRequests || (body is not null && SaysRateLimit(body)))
        {
            return SecondaryLimitBackoff * Math.Pow(2, repeat);
        }

        return null;
    }

    /// <summary>
    /// A secondary-limit message: today's wording ("…secondary rate limit…", "API rate limit exceeded…"), or the older
    /// "abuse detection mechanism" one (documentation anchor <c>#abuse-rate-limits</c>) that Enterprise Server still sends.
    /// These cover every body Octokit 14 turns into <c>RateLimitExceededException</c>,
    /// <c>SecondaryRateLimitExceededException</c> or <c>AbuseException</c>, so both HTTP paths agree on what a limit is.
    /// </summary>
    private static bool SaysRateLimit(string body) =>
        body.Contains("rate limit", StringComparison.OrdinalIgnoreCase)
        || body.Contains("abuse detection mechanism", StringComparison.OrdinalIgnoreCase)
        || body.Contains("abuse-rate-limits", StringComparison.OrdinalIgnoreCase);

    /// <summary>Reads <c>retry-after</c> as seconds or as an HTTP date.</summary>
    public static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now)
    {
        if (response.Headers.RetryAfter is { } retryAfter)
        {
            if (retryAfter.Delta is { } delta)
            {
                return delta;
            }

            if (retryAfter.Date is { } date)
            {
                return date > now ? date - now : TimeSpan.Zero;
            }
        }

        // Some proxies send a bare number the typed header refuses; read it by hand.
        return response.Headers.TryGetValues("retry-after", out var raw)
            && int.TryParse(raw.First(), NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds)
            ? TimeSpan.FromSeconds(Math.Max(0, seconds))
            : null;
    }
}
