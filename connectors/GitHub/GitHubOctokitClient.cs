using System.Globalization;
using System.Text.Json;
using Octokit;
using OkrConnect.Core.Connectors;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>The authenticated user, with what its answer's headers say about the token and the server.</summary>
internal sealed record AuthenticatedUser(string Login, string? OAuthScopes, string? EnterpriseVersion);

/// <summary>What describing a parent issue needs.</summary>
internal sealed record IssueSummary(string Title, string HtmlUrl, bool IsPullRequest);

/// <summary>
/// The endpoints the connector reaches through Octokit 14, each with its documentation URL: identity, app
/// installations and tokens, the rate-limit status, and the one-off reads that describe an issue or milestone target.
/// These are single reads (or one token mint) where a conditional request would gain nothing, and Octokit covers them
/// fully. Everything else stays on <see cref="GitHubRestClient"/>; the README says why.
/// Octokit's models are turned into the connector's records here, and a field the connector relies on that Octokit
/// left empty (it never refuses a missing field) is an <c>InvalidResponse</c>, as it is on the HttpClient path.
/// </summary>
internal sealed class GitHubOctokitClient(GitHubOctokit octokit, Uri apiRoot)
{
    private static readonly Uri UserUrl = new("user", UriKind.Relative);

    // --- Identity and auth ---

    /// <summary>
    /// https://docs.github.com/en/rest/users/users#get-the-authenticated-user — the request <c>User.Current()</c> sends,
    /// made through Octokit's connection because the answer's headers matter: <c>X-OAuth-Scopes</c> (classic tokens
    /// only; absent for fine-grained ones) and <c>X-GitHub-Enterprise-Version</c>.
    /// </summary>
    public Task<AuthenticatedUser> GetAuthenticatedUserAsync(GitHubCall call, CancellationToken ct) =>
        octokit.RunAsync(call, apiRoot, HttpMethod.Get, "user", async client =>
        {
            var answer = await client.Connection.Get<User>(UserUrl, null, null, ct);
            var login = Require(answer.Body?.Login, HttpMethod.Get, "user");
            return new AuthenticatedUser(login, Header(answer.HttpResponse, "X-OAuth-Scopes"), Header(answer.HttpResponse, "X-GitHub-Enterprise-Version"));
        }, ct);

    /// <summary>
    /// https://docs.github.com/en/rest/apps/apps#get-the-authenticated-app (JWT) — <c>GitHubApps.GetCurrent()</c>'s
    /// request, through the connection so the <c>permissions</c> map can be reported as GitHub sent it: Octokit's typed
    /// <c>InstallationPermissions</c> knows only the permissions that existed when it was released.
    /// </summary>
    public Task<AppPayload> GetAppAsync(GitHubCall call, CancellationToken ct) =>
        octokit.RunAsync(call, apiRoot, HttpMethod.Get, "app", async client =>
        {
            var answer = await client.Connection.Get<GitHubApp>(ApiUrls.App(), null, null, ct);
            var app = answer.Body;
            return new AppPayload(
                RequireId(app?.Id, HttpMethod.Get, "app"),
                Require(app?.Slug, HttpMethod.Get, "app"),
                Require(app?.Name, HttpMethod.Get, "app"),
                Permissions(answer.HttpResponse.Body as string, HttpMethod.Get, "app"));
        }, ct);

    // https://docs.github.com/en/rest/apps/apps#list-installations-for-the-authenticated-app (JWT); Octokit follows Link.
    public Task<IReadOnlyList<InstallationPayload>> ListInstallationsAsync(GitHubCall call, CancellationToken ct) =>
        octokit.RunAsync(call, apiRoot, HttpMethod.Get, "app/installations", async client =>
        {
            var all = await client.GitHubApps.GetAllInstallationsForCurrent(new ApiOptions { PageSize = 100 });
            return (IReadOnlyList<InstallationPayload>)all
                .Select(i => ToInstallation(i, HttpMethod.Get, "app/installations"))
                .ToList();
        }, ct);

    // https://docs.github.com/en/rest/apps/apps#get-a-repository-installation-for-the-authenticated-app (JWT)
    public Task<InstallationPayload> GetRepositoryInstallationAsync(GitHubCall call, RepositoryRef repository, CancellationToken ct)
    {
        var path = $"repos/{repository.Owner}/{repository.Name}/installation";
        return octokit.RunAsync(call, apiRoot, HttpMethod.Get, path, async client =>
            ToInstallation(await client.GitHubApps.GetRepositoryInstallationForCurrent(repository.Owner, repository.Name), HttpMethod.Get, path), ct);
    }

    // https://docs.github.com/en/rest/apps/apps#create-an-installation-access-token-for-an-app (JWT)
    public Task<InstallationTokenPayload> CreateInstallationTokenAsync(GitHubCall call, long installationId, CancellationToken ct)
    {
        var path = $"app/installations/{installationId.ToString(CultureInfo.InvariantCulture)}/access_tokens";
        return octokit.RunAsync(call, apiRoot, HttpMethod.Post, path, async client =>
        {
            var token = await client.GitHubApps.CreateInstallationToken(installationId);
            return token is { Token.Length: > 0 } && token.ExpiresAt != default
                ? new InstallationTokenPayload(token.Token, token.ExpiresAt)
                : throw GitHubErrors.UnexpectedBody(HttpMethod.Post, new Uri(apiRoot, path));
        }, ct);
    }

    // https://docs.github.com/en/rest/rate-limit/rate-limit#get-rate-limit-status-for-the-authenticated-user (free of charge)
    public Task<RateLimitResourcePayload> GetRateLimitAsync(GitHubCall call, CancellationToken ct) =>
        octokit.RunAsync(call, apiRoot, HttpMethod.Get, "rate_limit", async client =>
        {
            var core = (await client.RateLimit.GetRateLimits())?.Resources?.Core
                ?? throw GitHubErrors.UnexpectedBody(HttpMethod.Get, new Uri(apiRoot, "rate_limit"));
            return new RateLimitResourcePayload(core.Limit, core.Remaining, core.ResetAsUtcEpochSeconds);
        }, ct);

    // --- Describing targets (one-off reads: no ETag to gain) ---

    // https://docs.github.com/en/rest/issues/issues#get-an-issue
    public Task<IssueSummary> GetIssueAsync(GitHubCall call, RepositoryRef repository, int number, CancellationToken ct)
    {
        var path = $"repos/{repository.Owner}/{repository.Name}/issues/{number.ToString(CultureInfo.InvariantCulture)}";
        return octokit.RunAsync(call, apiRoot, HttpMethod.Get, path, async client =>
        {
            var issue = await client.Issue.Get(repository.Owner, repository.Name, number);
            return new IssueSummary(Require(issue?.Title, HttpMethod.Get, path), Require(issue?.HtmlUrl, HttpMethod.Get, path), issue!.PullRequest is not null);
        }, ct);
    }

    // https://docs.github.com/en/rest/issues/milestones#get-a-milestone
    public Task<MilestonePayload> GetMilestoneAsync(GitHubCall call, RepositoryRef repository, int number, CancellationToken ct)
    {
        var path = $"repos/{repository.Owner}/{repository.Name}/milestones/{number.ToString(CultureInfo.InvariantCulture)}";
        return octokit.RunAsync(call, apiRoot, HttpMethod.Get, path, async client =>
            ToMilestone(await client.Issue.Milestone.Get(repository.Owner, repository.Name, number), HttpMethod.Get, path), ct);
    }

    // https://docs.github.com/en/rest/issues/milestones#list-milestones (open and closed; Octokit follows Link)
    public Task<IReadOnlyList<MilestonePayload>> ListMilestonesAsync(GitHubCall call, RepositoryRef repository, CancellationToken ct)
    {
        var path = $"repos/{repository.Owner}/{repository.Name}/milestones";
        return octokit.RunAsync(call, apiRoot, HttpMethod.Get, path, async client =>
        {
            var all = await client.Issue.Milestone.GetAllForRepository(
                repository.Owner, repository.Name, new MilestoneRequest { State = ItemStateFilter.All }, new ApiOptions { PageSize = 100 });
            return (IReadOnlyList<MilestonePayload>)all.Select(m => ToMilestone(m, HttpMethod.Get, path)).ToList();
        }, ct);
    }

    private InstallationPayload ToInstallation(Installation? installation, HttpMethod method, string path) =>
        new(RequireId(installation?.Id, method, path), installation!.Account?.Login is { } login ? new InstallationAccountPayload(login) : null);

    private MilestonePayload ToMilestone(Octokit.Milestone? milestone, HttpMethod method, string path) =>
        milestone is { Number: > 0 }
            ? new MilestonePayload(milestone.Number, Require(milestone.Title, method, path), Require(milestone.HtmlUrl, method, path), milestone.State.StringValue)
            : throw GitHubErrors.UnexpectedBody(method, new Uri(apiRoot, path));

    private string Require(string? value, HttpMethod method, string path) =>
        string.IsNullOrEmpty(value) ? throw GitHubErrors.UnexpectedBody(method, new Uri(apiRoot, path)) : value;

    private long RequireId(long? id, HttpMethod method, string path) =>
        id is > 0 ? id.Value : throw GitHubErrors.UnexpectedBody(method, new Uri(apiRoot, path));

    private Dictionary<string, string> Permissions(string? body, HttpMethod method, string path)
    {
        try
        {
            using var document = JsonDocument.Parse(body ?? string.Empty);
            return document.RootElement.TryGetProperty("permissions", out var permissions) && permissions.ValueKind == JsonValueKind.Object
                ? permissions.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.String).ToDictionary(p => p.Name, p => p.Value.GetString()!)
                : [];
        }
        catch (JsonException ex)
        {
            throw GitHubErrors.UnexpectedBody(method, new Uri(apiRoot, path), ex);
        }
    }

    // Octokit keeps each header's first value under the name as received (HTTP/2 sends lower case).
    private static string? Header(IResponse response, string name) =>
        response.Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;
}
