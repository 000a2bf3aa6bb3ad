namespace OkrConnect.Core.Practice;

/// <summary>
/// Why a chat delivery failed. Only <see cref="RateLimited"/>, <see cref="Transient"/> and <see cref="Unavailable"/> are
/// retried: the others need a person to fix the channel's settings, and repeating the call cannot help.
/// </summary>
public enum DeliveryFailureCategory
{
    /// <summary>The platform asked us to slow down (HTTP 429, or its own "too many messages" code).</summary>
    RateLimited,

    /// <summary>A timeout or a server error that another try may not meet.</summary>
    Transient,

    /// <summary>The platform could not be reached (connection refused, DNS, 503).</summary>
    Unavailable,

    /// <summary>The platform refused our identity: a wrong signing secret, a revoked webhook, a failed security check.</summary>
    Authentication,

    /// <summary>The channel's settings are wrong (unknown webhook, archived channel, a keyword rule the message lacks).</summary>
    Configuration,

    /// <summary>The platform rejected the message itself and would reject it again.</summary>
    Permanent,
}

/// <summary>A failed attempt: its category, a message safe to show (no secrets) and the platform's "retry after".</summary>
public sealed record DeliveryFailure(DeliveryFailureCategory Category, string Message, TimeSpan? RetryAfter = null)
{
    public bool Retryable => Category is DeliveryFailureCategory.RateLimited or DeliveryFailureCategory.Transient or DeliveryFailureCategory.Unavailable;
}

/// <summary>Bounded retries with exponential backoff, never sooner than the platform's Retry-After.</summary>
public sealed record DeliveryRetryPolicy(int MaxAttempts = 5, TimeSpan? BaseDelay = null, TimeSpan? MaxDelay = null)
{
    public TimeSpan Base => BaseDelay ?? TimeSpan.FromMinutes(1);

    public TimeSpan Max => MaxDelay ?? TimeSpan.FromHours(1);

    /// <summary>
    /// When to try again after attempt number <paramref name="attempts"/> failed; null when the failure is not worth
    /// retrying or the attempts are used up. The delay doubles each time: base, 2×base, 4×base… capped at the maximum.
    /// </summary>
    public DateTimeOffset? NextAttempt(int attempts, DeliveryFailure failure, DateTimeOffset now)
    {
        if (!failure.Retryable || attempts >= MaxAttempts)
        {
            return null;
        }

        var exponent = Math.Min(Math.Max(attempts - 1, 0), 20);
        var backoff = TimeSpan.FromTicks(Math.Min(Base.Ticks * (1L << exponent), Max.Ticks));
        var delay = failure.RetryAfter is { } retryAfter && retryAfter > backoff ? retryAfter : backoff;
        return now + delay;
    }
}
