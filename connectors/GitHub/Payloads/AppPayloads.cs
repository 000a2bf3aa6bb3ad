namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// The app itself (<c>GET /app</c>, authenticated with the app's JWT). Its bot account is <c>{slug}[bot]</c>.
/// https://docs.github.com/en/rest/apps/apps#get-the-authenticated-app
/// </summary>
internal sealed record AppPayload(long Id, string Slug, string Name, IReadOnlyDictionary<string, string>? Permissions = null);

/// <summary>
/// An installation of the app on an account.
/// https://docs.github.com/en/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app
/// </summary>
internal sealed record InstallationPayload(long Id, InstallationAccountPayload? Account = null);

internal sealed record InstallationAccountPayload(string Login);

/// <summary>
/// A minted installation access token.
/// https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app
/// </summary>
internal sealed record InstallationTokenPayload(
    string Token,
    DateTimeOffset ExpiresAt,
    IReadOnlyDictionary<string, string>? Permissions = null);
