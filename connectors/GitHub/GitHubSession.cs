using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// What one connector keeps between calls: its parsed settings, its ETag cache, its identity and (for apps) its
/// token source. Rebuilt when the connector's base URL, options or credential change, so nothing outlives a rotation.
/// Hands out a <see cref="GitHubCall"/> per repository: the right token, lane and operation scope for a request.
/// </summary>
internal sealed class GitHubSession : IDisposable
{
    private readonly GitHubLanes _lanes;
    private readonly string? _token;
    private readonly GitHubAppTokenSource? _app;
    private string? _ownLogin;

    public GitHubSession(
        ConnectorSettings connector, GitHubSettings settings, GitHubTransport transport, GitHubOctokit octokit, GitHubLanes lanes, TimeProvider time, GitHubConnectorOptions options)
    {
        Settings = settings;
        _lanes = lanes;
        ApiRoot = new Uri(connector.BaseUrl.TrimEnd('/') + "/");
        Api = new GitHubRestClient(transport, ApiRoot, new EtagCache(options.EtagCacheCapacity));
        OctokitApi = new GitHubOctokitClient(octokit, ApiRoot);
        if (settings.UsesApp)
        {
            _app = new GitHubAppTokenSource(settings.AppId!.Value, connector.Credentials!, settings.InstallationId, time);
        }
        else
        {
            _token = connector.Credentials!.Trim();
        }

        PointsPattern = settings.PointsLabelPattern is null ? null : GitHubSettings.CompilePointsPattern(settings.PointsLabelPattern, out _);
        TargetReads = new SemaphoreSlim(settings.MaxConcurrentRequests, settings.MaxConcurrentRequests);
    }

    public GitHubSettings Settings { get; }

    /// <summary>
    /// <see cref="GitHubSettings.MaxConcurrentRequests"/> slots shared by every fetch of this connector, so fetches the
    /// engine runs together (<see cref="GitHubConnector.MaxConcurrentCalls"/>) still read that many targets at most.
    /// </summary>
    public SemaphoreSlim TargetReads { get; }

    public Uri ApiRoot { get; }

    /// <summary>Lists (conditional), sub-issues, labels, writes and GraphQL, on the connector's own HttpClient code.</summary>
    public GitHubRestClient Api { get; }

    /// <summary>Identity, app installations and tokens, the rate limit and target descriptions, through Octokit.</summary>
    public GitHubOctokitClient OctokitApi { get; }

    public System.Text.RegularExpressions.Regex? PointsPattern { get; }

    /// <summary>The call to use for requests about <paramref name="repository"/>: the token, or the owner's installation token.</summary>
    public async Task<GitHubCall> CallForAsync(RepositoryRef repository, GitHubCallScope scope, CancellationToken ct)
    {
        if (_app is null)
        {
            return TokenCall(scope);
        }

        // The JWT is signed only when GitHub has to be asked: most calls find the installation and its token in cache.
        var installation = await _app.InstallationForAsync(repository, () => OctokitApi.GetRepositoryInstallationAsync(AppCall(scope), repository, ct));
        try
        {
            return await InstallationCallAsync(installation, scope, ct);
        }
        catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound)
        {
            // Uninstalled (and perhaps reinstalled under a new id): look the owner up again next time.
            _app.ForgetInstallationOf(repository);
            throw;
        }
    }

    /// <summary>A call with the personal access token (token auth only).</summary>
    public GitHubCall TokenCall(GitHubCallScope scope) => new(_token!, _lanes.Get(TokenLaneKey()), scope, Settings);

    /// <summary>A call authenticated as the app itself (JWT), for the app endpoints. Null for token auth.</summary>
    public GitHubCall? AppCallOrNull(GitHubCallScope scope) => _app is null ? null : AppCall(scope);

    /// <summary>A call with the installation token of a known installation (app auth only).</summary>
    public async Task<GitHubCall> InstallationCallAsync(long installation, GitHubCallScope scope, CancellationToken ct)
    {
        var token = await _app!.TokenAsync(installation, () => OctokitApi.CreateInstallationTokenAsync(AppCall(scope), installation, ct), ct);
        return new GitHubCall(token, _lanes.Get(InstallationLaneKey(installation)), scope, Settings);
    }

    /// <summary>
    /// The login our writes appear under: the token's user, or the app's bot account <c>{slug}[bot]</c>.
    /// Looked up once per session; used to recognise our own comments.
    /// </summary>
    public async Task<string> OwnLoginAsync(GitHubCall call, CancellationToken ct)
    {
        if (_ownLogin is { } known)
        {
            return known;
        }

        _ownLogin = _app is null
            ? (await OctokitApi.GetAuthenticatedUserAsync(call, ct)).Login
            : (await OctokitApi.GetAppAsync(AppCall(call.Scope), ct)).Slug + "[bot]";
        return _ownLogin;
    }

    public void Dispose() => _app?.Dispose();

    private GitHubCall AppCall(GitHubCallScope scope) =>
        new(_app!.CreateJwt(), _lanes.Get(AppLaneKey()), scope, Settings);

    private string TokenLaneKey() => $"token:{ApiRoot.Authority}:{Fingerprint(_token!)}";

    private string AppLaneKey() => $"app:{ApiRoot.Authority}:{_app!.AppId}";

    private string InstallationLaneKey(long installation) => $"{AppLaneKey()}:installation:{installation}";

    /// <summary>A short hash that tells credentials apart without keeping them in keys or logs.</summary>
    internal static string Fingerprint(string secret) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(secret)))[..16];
}

/// <summary>The budgets and pacers of every credential in use, shared by all connectors that use the same one.</summary>
internal sealed class GitHubLanes(TimeProvider time, IOptions<GitHubConnectorOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<string, GitHubLane> _lanes = new(StringComparer.Ordinal);

    public GitHubLane Get(string key) =>
        _lanes.GetOrAdd(key, k => new GitHubLane(k, new RateLimitBudget(), new MutationPacer(time, options.Value.MutationPacing)));

    /// <summary>Writes waiting or in flight across all credentials.</summary>
    public int PendingMutations => _lanes.Values.Sum(lane => lane.Pacer.Pending);

    public void Dispose()
    {
        foreach (var lane in _lanes.Values)
        {
            lane.Pacer.Dispose();
        }
    }
}

/// <summary>One session per connector, replaced when the connector's settings change.</summary>
internal sealed class GitHubSessions(GitHubTransport transport, GitHubOctokit octokit, GitHubLanes lanes, TimeProvider time, IOptions<GitHubConnectorOptions> options) : IDisposable
{
    private readonly ConcurrentDictionary<Guid, (string Fingerprint, GitHubSession Session)> _sessions = new();
    private readonly Lock _replacing = new();

    public GitHubSession For(ConnectorSettings connector)
    {
        var settings = GitHubSettings.Require(connector);
        var fingerprint = GitHubSession.Fingerprint($"{connector.BaseUrl}\n{connector.OptionsJson}\n{connector.Credentials}");
        if (_sessions.TryGetValue(connector.ConnectorId, out var current) && current.Fingerprint == fingerprint)
        {
            return current.Session;
        }

        lock (_replacing)
        {
            if (_sessions.TryGetValue(connector.ConnectorId, out current) && current.Fingerprint == fingerprint)
            {
                return current.Session;
            }

            // The old session is not disposed: a call still running may be using it; it is dropped for the collector.
            var session = new GitHubSession(connector, settings, transport, octokit, lanes, time, options.Value);
            _sessions[connector.ConnectorId] = (fingerprint, session);
            return session;
        }
    }

    public void Dispose()
    {
        foreach (var (_, session) in _sessions.Values)
        {
            session.Dispose();
        }
    }
}
