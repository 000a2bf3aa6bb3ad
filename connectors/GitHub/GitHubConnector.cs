using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// GitHub (github.com and GitHub Enterprise Server) behind Core's connector contract: parent issues with sub-issues,
/// milestones and label queries as targets; a sticky progress comment as write-back; signed webhooks.
/// Stateless per call except for what <see cref="GitHubSessions"/> keeps per connector (ETags, tokens, identity)
/// and <see cref="GitHubLanes"/> per credential (rate-limit budget, write pacing).
/// </summary>
public sealed partial class GitHubConnector : ITrackerConnector
{
    public const string ConnectorKind = "github";

    private readonly GitHubSessions _sessions;
    private readonly GitHubLanes _lanes;

    internal GitHubConnector(GitHubSessions sessions, GitHubLanes lanes)
    {
        _sessions = sessions;
        _lanes = lanes;
    }

    public string Kind => ConnectorKind;

    // Field write-back is a Projects v2 number field (when a connector configures one); no PropertyWriteBack: issues have no properties.
    public ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.IncrementalFetch | ConnectorCapabilities.Webhooks
        | ConnectorCapabilities.CommentWriteBack | ConnectorCapabilities.FieldWriteBack
        | ConnectorCapabilities.ReminderComments;

    /// <summary>Writes waiting for their turn or in flight, across every credential (see <see cref="MutationPacer"/>).</summary>
    public int PendingMutations => _lanes.PendingMutations;

    public IReadOnlyList<string> ValidateSettings(ConnectorSettings settings) => GitHubSettings.Validate(settings, out _);

    /// <summary>
    /// <c>maxConcurrentRequests</c> (default 1: GitHub asks integrations to call serially). Fetches run together share
    /// that many target reads (<see cref="GitHubSession.TargetReads"/>); writes stay one at a time per token, paced.
    /// </summary>
    public int MaxConcurrentCalls(ConnectorSettings settings) =>
        GitHubSettings.Parse(settings.OptionsJson, out _)?.MaxConcurrentRequests is int max and >= 1 and <= 10 ? max : 1;

    public async Task<ConnectionTestResult> TestConnectionAsync(ConnectorSettings settings, CancellationToken ct)
    {
        var problems = ValidateSettings(settings);
        if (problems.Count > 0)
        {
            return new ConnectionTestResult(false, "The settings are invalid: " + string.Join("; ", problems), new Dictionary<string, string>());
        }

        return await GitHubConnectionTest.RunAsync(_sessions.For(settings), new GitHubCallScope(), ct);
    }

    public async Task<TargetDescription> DescribeTargetAsync(ConnectorSettings settings, TargetRef target, CancellationToken ct)
    {
        if (GitHubTarget.Parse(target, out var error) is not { } parsed)
        {
            return new TargetDescription(false, null, null, error);
        }

        var session = _sessions.For(settings);
        try
        {
            var call = await session.CallForAsync(parsed.Repository, new GitHubCallScope(), ct);
            return await GitHubTargetReader.DescribeAsync(session, parsed, call, ct);
        }
        catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound)
        {
            // For an app, no installation on the repository's owner answers 404 too.
            return new TargetDescription(false, null, null, ex.Message);
        }
    }

    public async Task<FetchResult> FetchAsync(ConnectorSettings settings, FetchRequest request, CancellationToken ct)
    {
        var session = _sessions.For(settings);
        var scope = new GitHubCallScope();
        var results = new TargetItems[request.Targets.Count];
        TrackerException? halted = null;

        await Parallel.ForEachAsync(
            Enumerable.Range(0, request.Targets.Count),
            new ParallelOptions { MaxDegreeOfParallelism = session.Settings.MaxConcurrentRequests, CancellationToken = ct },
            async (index, token) =>
            {
                var target = request.Targets[index];
                if (Volatile.Read(ref halted) is { } stop)
                {
                    results[index] = new TargetItems(target, [], false, $"not fetched: {stop.Category}: {stop.Message}");
                    return;
                }

                if (GitHubTarget.Parse(target, out var error) is not { } parsed)
                {
                    results[index] = new TargetItems(target, [], false, error);
                    return;
                }

                TrackerException? failure;
                try
                {
                    var call = await session.CallForAsync(parsed.Repository, scope, token);
                    (results[index], failure) = await GitHubTargetReader.FetchAsync(session, parsed, request.Since, request.VersionOf(target), call, token);
                }
                catch (TrackerException ex)
                {
                    results[index] = new TargetItems(target, [], false, $"{ex.Category}: {ex.Message}");
                    failure = ex;
                }

                if (failure is not null && StopsTheFetch(failure))
                {
                    Interlocked.CompareExchange(ref halted, failure, null);
                }
            });

        return new FetchResult(results, scope.ApiCalls, scope.RateLimit());
    }

    public async Task<WriteBackResult> EnsureWriteBackAsync(ConnectorSettings settings, WriteBackRequest request, CancellationToken ct)
    {
        switch (request.Mode)
        {
            case WriteBackMode.None:
                return new WriteBackResult(request.KnownRemoteId, 0, false, "write-back is off for this link");
            case WriteBackMode.Property:
                return new WriteBackResult(request.KnownRemoteId, 0, false, "GitHub issues have no machine-readable properties; use comment mode");
        }

        if (GitHubTarget.Parse(request.Target, out var error) is not { } parsed)
        {
            throw new TrackerException(TrackerErrorCategory.InvalidRequest, error!);
        }

        // Milestones and label queries have no single issue to hold a comment or a field; writing on every issue would be noise.
        if (parsed is not IssueTarget issue)
        {
            return new WriteBackResult(null, 0, false, $"{parsed.Ref.Kind} targets have no single issue to write to; progress is written back only on parent issues (github-issue)");
        }

        var session = _sessions.For(settings);
        return request.Mode == WriteBackMode.Field
            ? await GitHubProjectFieldWriteBack.EnsureAsync(session, issue, request, new GitHubCallScope(), ct)
            : await GitHubStickyComment.EnsureAsync(session, issue, request, settings.Locale, new GitHubCallScope(), ct);
    }

    public WebhookParseResult ParseWebhook(ConnectorSettings settings, WebhookDelivery delivery) =>
        GitHubWebhookParser.Parse(settings.WebhookSecret, delivery);

    // Failures that would hit every other target too: a rejected token, a rate limit, GitHub in trouble.
    // A 403 or 404 on one repository (a fine-grained token without access to it) only concerns that target.
    private static bool StopsTheFetch(TrackerException failure) =>
        failure.Category is TrackerErrorCategory.RateLimited or TrackerErrorCategory.Transient or TrackerErrorCategory.Unavailable
        || failure.StatusCode == 401;
}
