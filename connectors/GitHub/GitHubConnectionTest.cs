using System.Globalization;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// The connection test: who we are (<c>GET /user</c> for a token, <c>GET /app</c> for an app), what we may do
/// (classic token scopes from <c>X-OAuth-Scopes</c>, app permissions), and how much rate limit is left
/// (<c>GET /rate_limit</c>, which is free). On failure the summary says exactly what GitHub refused.
/// Every call here goes through Octokit (<see cref="GitHubOctokitClient"/>), on the connector's own pipeline.
/// </summary>
internal static class GitHubConnectionTest
{
    public static async Task<ConnectionTestResult> RunAsync(GitHubSession session, GitHubCallScope scope, CancellationToken ct)
    {
        var details = new Dictionary<string, string> { ["apiRoot"] = session.ApiRoot.AbsoluteUri };
        try
        {
            var (identity, call) = session.Settings.UsesApp
                ? await AppIdentityAsync(session, scope, details, ct)
                : await TokenIdentityAsync(session, scope, details, ct);
            if (call is null)
            {
                return new ConnectionTestResult(false, $"Authenticated as {identity}, but the app is not installed on any account: install it where the linked repositories live", details);
            }

            var core = await session.OctokitApi.GetRateLimitAsync(call, ct);
            var reset = RateLimitSnapshot.IsEpochSeconds(core.Reset)
                ? DateTimeOffset.FromUnixTimeSeconds(core.Reset).ToString("u", CultureInfo.InvariantCulture)
                : "an unknown time";
            details["rateLimit"] = $"{core.Remaining} of {core.Limit} left, resets {reset}";
            return new ConnectionTestResult(true, $"Connected to {session.ApiRoot.Host} as {identity}; {core.Remaining} of {core.Limit} requests left until {reset}", details);
        }
        catch (TrackerException ex)
        {
            return new ConnectionTestResult(false, $"{ex.Category}: {ex.Message}", details);
        }
    }

    private static async Task<(string Identity, GitHubCall? Call)> TokenIdentityAsync(
        GitHubSession session, GitHubCallScope scope, Dictionary<string, string> details, CancellationToken ct)
    {
        var call = session.TokenCall(scope);
        var user = await session.OctokitApi.GetAuthenticatedUserAsync(call, ct);
        details["identity"] = user.Login;

        // Classic tokens list their scopes; fine-grained tokens send no header (their permissions are per repository).
        if (user.OAuthScopes is { } scopes)
        {
            details["tokenType"] = "classic";
            details["scopes"] = scopes;
            var granted = scopes.Split(',', StringSplitOptions.TrimEntries);
            if (!granted.Contains("repo") && !granted.Contains("public_repo"))
            {
                details["warning"] = "the token has neither the repo nor the public_repo scope: it can read public issues only and cannot comment";
            }
        }
        else
        {
            details["tokenType"] = "fine-grained (permissions are per repository: Issues read and write, Metadata read)";
        }

        if (user.EnterpriseVersion is { } version)
        {
            details["enterpriseVersion"] = version;
        }

        return (user.Login, call);
    }

    private static async Task<(string Identity, GitHubCall? Call)> AppIdentityAsync(
        GitHubSession session, GitHubCallScope scope, Dictionary<string, string> details, CancellationToken ct)
    {
        var appCall = session.AppCallOrNull(scope)!;
        var app = await session.OctokitApi.GetAppAsync(appCall, ct);
        var identity = $"{app.Slug}[bot]";
        details["identity"] = $"{identity} (app \"{app.Name}\", id {app.Id})";
        details["permissions"] = string.Join(", ", (app.Permissions ?? new Dictionary<string, string>()).Select(p => $"{p.Key}:{p.Value}"));

        var installation = session.Settings.InstallationId;
        if (installation is null)
        {
            var accounts = (await session.OctokitApi.ListInstallationsAsync(appCall, ct))
                .Select(i => (i.Id, Account: i.Account?.Login ?? "?"))
                .ToList();

            details["installations"] = string.Join(", ", accounts.Select(a => $"{a.Account} ({a.Id})"));
            if (accounts.Count == 0)
            {
                return (identity, null);
            }

            installation = accounts[0].Id;
        }

        details["installationId"] = installation.Value.ToString(CultureInfo.InvariantCulture);
        return (identity, await session.InstallationCallAsync(installation.Value, scope, ct));
    }
}
