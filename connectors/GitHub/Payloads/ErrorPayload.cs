namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// GitHub's error body, e.g. <c>{"message": "Not Found", "documentation_url": "…"}</c>.
/// https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
/// </summary>
internal sealed record ErrorPayload(string? Message = null, string? DocumentationUrl = null);
