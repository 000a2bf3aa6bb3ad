namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// The core REST budget of <c>GET /rate_limit</c> (read through Octokit); <see cref="Reset"/> is in epoch seconds.
/// https://docs.github.com/en/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user
/// </summary>
internal sealed record RateLimitResourcePayload(int Limit, int Remaining, long Reset, int Used = 0);
