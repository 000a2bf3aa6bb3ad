using System.Globalization;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// The outermost handler of the GitHub HTTP pipeline: before a request, keeps the token's reserve by pausing until the
/// window resets; after it, honours a rate-limit refusal (403/429) by waiting as asked and sending again.
/// It sits outside the transient-retry handler so that its waits are not cut short by the per-attempt timeout.
/// Waits longer than the connector's <c>maxRateLimitWaitSeconds</c> are not made: the call fails as RateLimited.
/// </summary>
internal sealed class GitHubRateLimitHandler(TimeProvider time, IOptions<GitHubConnectorOptions> options) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(GitHubCall.OptionKey, out var call))
        {
            return await base.SendAsync(request, cancellationToken);
        }

        for (var repeat = 0; ; repeat++)
        {
            await KeepReserveAsync(call, cancellationToken);
            var response = await base.SendAsync(request, cancellationToken);
            var body = await ReadRefusalBodyAsync(response, cancellationToken);
            var wait = RateLimitRefusal.RequestedWait(response.StatusCode, response, body, time.GetUtcNow(), repeat);
            if (wait is null || repeat >= options.Value.MaxRateLimitRetries || wait > call.Settings.MaxRateLimitWait)
            {
                // Not a refusal, or one we will not wait out: the transport turns it into a RateLimited error.
                return response;
            }

            response.Dispose();
            await Task.Delay(wait.Value, time, cancellationToken);
        }
    }

    private async Task KeepReserveAsync(GitHubCall call, CancellationToken ct)
    {
        var wait = call.Lane.Budget.WaitToKeep(call.Settings.RateLimitReserve, time.GetUtcNow());
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        if (wait > call.Settings.MaxRateLimitWait)
        {
            var latest = call.Lane.Budget.Latest;
            throw new TrackerException(
                TrackerErrorCategory.RateLimited,
                $"GitHub rate limit nearly spent ({latest?.Remaining} of {latest?.Limit} left, reserve {call.Settings.RateLimitReserve}); "
                + $"it resets at {latest?.Reset.ToString("u", CultureInfo.InvariantCulture)}",
                retryAfter: wait);
        }

        await Task.Delay(wait, time, ct);
    }

    // Only refusals need their body read here (to spot a secondary-limit message); buffering keeps it readable later.
    private static async Task<string?> ReadRefusalBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        if (response.StatusCode is not (System.Net.HttpStatusCode.Forbidden or System.Net.HttpStatusCode.TooManyRequests))
        {
            return null;
        }

        await response.Content.LoadIntoBufferAsync(ct);
        return await response.Content.ReadAsStringAsync(ct);
    }
}

/// <summary>
/// The innermost handler: sees every attempt (retries included), so it is where calls are counted and where each
/// response's rate-limit headers update the token's budget.
/// </summary>
internal sealed class GitHubResponseObserver : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken);
        if (request.Options.TryGetValue(GitHubCall.OptionKey, out var call))
        {
            var snapshot = RateLimitSnapshot.FromHeaders(response.Headers);
            if (snapshot is not null)
            {
                call.Lane.Budget.Observe(snapshot);
            }

            call.Scope.Count(response.StatusCode == System.Net.HttpStatusCode.NotModified, snapshot);
        }

        return response;
    }
}
