using OkrConnect.Core.Connectors;

namespace OkrConnect.Sync.Engine;

/// <summary>A tracker call that failed, in words a person can act on, with the category that decides what happens next.</summary>
public sealed record TrackerFailure(TrackerErrorCategory Category, string Message)
{
    /// <summary>Rate limits and outages stop the rest of the run's calls: hammering a tracker that said "later" helps no one.</summary>
    public bool StopsRun => Category is TrackerErrorCategory.RateLimited or TrackerErrorCategory.Unavailable;

    public bool IsRetryable => Category is TrackerErrorCategory.RateLimited or TrackerErrorCategory.Transient or TrackerErrorCategory.Unavailable;

    /// <summary>
    /// Classifies anything a connector threw. Connectors should throw <see cref="TrackerException"/>; a plain HTTP error
    /// or timeout is treated as transient, and anything else as a response the engine could not use, so a connector bug
    /// marks links in error instead of crashing the host.
    /// </summary>
    /// <param name="retriedByLaterRun">
    /// Whether a later sync run retries on its own (the message then says so); false for a call a person is waiting on.
    /// </param>
    public static TrackerFailure From(Exception exception, bool retriedByLaterRun = true) => exception switch
    {
        TrackerException tracker => new(tracker.Category, Describe(tracker, retriedByLaterRun)),
        HttpRequestException http => new(TrackerErrorCategory.Transient, $"the tracker could not be reached: {http.Message}"),
        TimeoutException or TaskCanceledException or OperationCanceledException => new(TrackerErrorCategory.Transient, "the tracker did not answer in time"),
        _ => new(TrackerErrorCategory.InvalidResponse, $"the connector failed: {exception.GetType().Name}: {exception.Message}"),
    };

    public override string ToString() => Message;

    private static string Describe(TrackerException exception, bool retriedByLaterRun)
    {
        var status = exception.StatusCode is { } code ? $" (HTTP {code})" : "";
        var what = exception.Category switch
        {
            TrackerErrorCategory.RateLimited => "rate limited by the tracker",
            TrackerErrorCategory.Transient => "temporary tracker error",
            TrackerErrorCategory.Unavailable => "the tracker is unavailable",
            TrackerErrorCategory.Authentication => "the credentials were rejected or lack a permission",
            TrackerErrorCategory.NotFound => "not found or not visible to the credentials",
            TrackerErrorCategory.InvalidRequest => "the tracker refused the request",
            _ => "the tracker answered with something unexpected",
        };
        var retry = exception.IsRetryable && retriedByLaterRun ? "; will try again next run" : "";
        return $"{what}{status}: {exception.Message}{retry}";
    }
}
