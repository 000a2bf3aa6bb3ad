namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// <c>GET /rate_limit</c>; only the core REST budget matters to the connector.
/// https://docs.github.com/en/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user
/// </summary>
internal sealed record RateLimitPayload(RateLimitResourcesPayload Resources);

internal sealed record RateLimitResourcesPayload(RateLimitResourcePayload Core);

internal sealed record RateLimitResourcePayload(int Limit, int Remaining, long Reset, int Used = 0);
