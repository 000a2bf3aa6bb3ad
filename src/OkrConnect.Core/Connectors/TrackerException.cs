namespace OkrConnect.Core.Connectors;

/// <summary>
/// Why a tracker call failed. Only <see cref="RateLimited"/>, <see cref="Transient"/> and <see cref="Unavailable"/>
/// are worth retrying; the others need a person (credentials, a link's target, the request) or a code fix.
/// </summary>
public enum TrackerErrorCategory
{
    /// <summary>The tracker asked us to slow down (HTTP 429); see <see cref="TrackerException.RetryAfter"/>.</summary>
    RateLimited,

    /// <summary>A hiccup that another try may not meet: timeouts, 408/409/425, most 5xx.</summary>
    Transient,

    /// <summary>The tracker is down or in maintenance (503, connection refused).</summary>
    Unavailable,

    /// <summary>The credentials were rejected or lack a permission (401/403).</summary>
    Authentication,

    /// <summary>The thing asked for does not exist or is not visible to the credentials (404).</summary>
    NotFound,

    /// <summary>The tracker refused the request as malformed (400), e.g. a JQL syntax error.</summary>
    InvalidRequest,

    /// <summary>The tracker answered with a body that is not what its API documents.</summary>
    InvalidResponse,
}

/// <summary>
/// A classified tracker failure, shared by every connector so the engine can decide to retry, reschedule or report.
/// Messages carry the tracker's own words but never credentials.
/// </summary>
public sealed class TrackerException : Exception
{
    public TrackerException()
        : this(TrackerErrorCategory.Transient, "tracker call failed")
    {
    }

    public TrackerException(string message)
        : this(TrackerErrorCategory.Transient, message)
    {
    }

    public TrackerException(string message, Exception innerException)
        : this(TrackerErrorCategory.Transient, message, innerException: innerException)
    {
    }

    public TrackerException(
        TrackerErrorCategory category,
        string message,
        int? statusCode = null,
        TimeSpan? retryAfter = null,
        Exception? innerException = null)
        : base(message, innerException)
    {
        Category = category;
        StatusCode = statusCode;
        RetryAfter = retryAfter;
    }

    public TrackerErrorCategory Category { get; }

    /// <summary>The HTTP status the tracker answered with, when there was one.</summary>
    public int? StatusCode { get; }

    /// <summary>The earliest time to try again, from the tracker's <c>Retry-After</c>, when it sent one.</summary>
    public TimeSpan? RetryAfter { get; }

    public bool IsRetryable => Category is TrackerErrorCategory.RateLimited
        or TrackerErrorCategory.Transient
        or TrackerErrorCategory.Unavailable;
}
