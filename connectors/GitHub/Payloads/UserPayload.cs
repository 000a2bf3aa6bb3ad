namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// The authenticated user (<c>GET /user</c>) or a comment's author.
/// https://docs.github.com/en/rest/users/users#get-the-authenticated-user
/// </summary>
internal sealed record UserPayload(string Login, string? Name = null, string? Type = null);
