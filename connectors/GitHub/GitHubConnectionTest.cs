using System.Globalization;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// The connection test: who we are (<c>GET /user</c> for a token, <c>GET /app</c> for an app), what we may do
/// (classic token scopes from <c>X-OAuth-Scopes</c>, app permissions), and how much rate limit is left
/// (<c>GET /rate_limit</c>, which is free). On failure the summary says exactly what GitHub refused.
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

            var core = (await session.Api.GetRateLimitAsync(call, ct)).Resources.Core;
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
        var user = await session.Api.GetAuthenticatedUserAsync(call, ct);
        details["identity"] = user.Value.Login;

        // Classic tokens list their scopes; fine-grained tokens send no header (their permissions are per repository).
        if (user.Headers.TryGetValues("X-OAuth-Scopes", out var scopeValues))
        {
            var scopes = string.Join(",", scopeValues);
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

        if (user.Headers.TryGetValues("X-GitHub-Enterprise-Version", out var version))
        {
            details["enterpriseVersion"] = version.First();
        }

        return (user.Value.Login, call);
    }

    private static async Task<(string Identity, GitHubCall? Call)> AppIdentityAsync(
        GitHubSession session, GitHubCallScope scope, Dictionary<string, string> details, CancellationToken ct)
    {
        var appCall = session.AppCallOrNull(scope)!;
        var app = await session.Api.GetAppAsync(appCall, ct);
        var identity = $"{app.Slug}[bot]";
        details["identity"] = $"{identity} (app \"{app.Name}\", id {app.Id})";
        details["permissions"] = string.Join(", ", (app.Permissions ?? new Dictionary<string, string>()).Select(p => $"{p.Key}:{p.Value}"));

        var installation = session.Settings.InstallationId;
        if (installation is null)
        {
            var accounts = new List<(long Id, string Account)>();
            await foreach (var page in session.Api.ListInstallationsAsync(appCall, ct))
            {
                accounts.AddRange(page.Select(i => (i.Id, i.Account?.Login ?? "?")));
            }

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
