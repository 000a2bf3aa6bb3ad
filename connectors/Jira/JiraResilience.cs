using Microsoft.Extensions.Http.Resilience;
using Polly;
using Polly.Retry;
using Polly.Timeout;

namespace OkrConnect.Connectors.Jira;

/// <summary>How hard the Jira client retries. Defaults suit production; tests shrink the delays.</summary>
public sealed class JiraResilienceOptions
{
    /// <summary>Retries after the first attempt: 3 means at most 4 attempts.</summary>
    public int MaxRetryAttempts { get; set; } = 3;

    /// <summary>First backoff delay; it doubles each retry, with jitter.</summary>
    public TimeSpan BaseDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The longest <c>Retry-After</c> waited for inline. A longer one is not retried here: the call fails as
    /// rate-limited with the delay, so the engine reschedules instead of holding a worker.
    /// </summary>
    public TimeSpan MaxRetryAfter { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan AttemptTimeout { get; set; } = TimeSpan.FromSeconds(30);

    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromMinutes(3);
}

/// <summary>
/// The retry pipeline: only 408/409/425/429/5xx, timeouts and connection failures; exponential backoff with jitter;
/// <c>Retry-After</c> honoured. Requests marked non-idempotent (creating a comment) retry only on 429, which Jira
/// sends before doing anything, so a comment is never posted twice.
/// </summary>
internal static class JiraResilience
{
    public static void Configure(ResiliencePipelineBuilder<HttpResponseMessage> pipeline, JiraResilienceOptions options)
    {
        pipeline.AddTimeout(options.TotalTimeout);
        pipeline.AddRetry(new HttpRetryStrategyOptions
        {
            MaxRetryAttempts = options.MaxRetryAttempts,
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
            Delay = options.BaseDelay,
            ShouldRetryAfterHeader = true,
            ShouldHandle = args => ValueTask.FromResult(ShouldRetry(args.Outcome, args.Context, options)),
        });
        pipeline.AddTimeout(options.AttemptTimeout);
    }

    internal static bool ShouldRetry(Outcome<HttpResponseMessage> outcome, ResilienceContext context, JiraResilienceOptions options)
    {
        var request = context.GetRequestMessage() ?? outcome.Result?.RequestMessage;
        var idempotent = request is null || !request.Options.TryGetValue(JiraClient.IdempotentKey, out var flag) || flag;

        if (outcome.Exception is not null)
        {
            return idempotent && outcome.Exception is HttpRequestException or TimeoutRejectedException;
        }

        if (outcome.Result is not { } response)
        {
            return false;
        }

        var status = (int)response.StatusCode;
        var retryable = status == 429
            || (idempotent && (status is 408 or 409 or 425 || (status >= 500 && status is not 501 and not 505)));
        return retryable && (RetryAfterOf(response) is not { } wait || wait <= options.MaxRetryAfter);
    }

    /// <summary><c>Retry-After</c> as seconds or as an HTTP date.</summary>
    internal static TimeSpan? RetryAfterOf(HttpResponseMessage response) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } => date - (response.Headers.Date ?? DateTimeOffset.UtcNow) is var wait && wait > TimeSpan.Zero ? wait : TimeSpan.Zero,
        _ => null,
    };
}
