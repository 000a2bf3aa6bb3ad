using System.Collections.Concurrent;

namespace OkrConnect.Benchmarks.Simulator;

/// <summary>A stored comment: its body and properties as raw JSON, and which key result's marker it carries.</summary>
public sealed class SimulatedComment(long id, string issueKey, string bodyJson, string marker, DateTimeOffset created)
{
    public long Id { get; } = id;

    public string IssueKey { get; } = issueKey;

    public string BodyJson { get; set; } = bodyJson;

    public Dictionary<string, string> Properties { get; } = new(StringComparer.Ordinal);

    /// <summary>The key result id the comment's marker names ("none" for unmarked comments).</summary>
    public string Marker { get; set; } = marker;

    public DateTimeOffset Created { get; } = created;

    public DateTimeOffset Updated { get; set; } = created;

    public int Version { get; set; }
}

/// <summary>
/// One tenant of a simulated tracker (a Jira site or a GitHub API root), addressed by path: its own comments, its own
/// call counters. The work (issues) is shared by all sites; comments and counts are not, so the naive baseline and each
/// scale-out connector are measured apart.
/// </summary>
public sealed class SimulatedSite(string kind, string name)
{
    private readonly ConcurrentDictionary<string, int> _calls = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, int> _creations = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, TaskCompletionSource<DateTimeOffset>> _writeWaiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<DateTimeOffset> _creationTimes = [];
    private readonly ConcurrentQueue<(DateTimeOffset At, string Endpoint)> _timeline = new();
    private readonly Dictionary<string, List<SimulatedComment>> _comments = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<long, SimulatedComment> _byId = [];
    private long _nextCommentId = 500_000;
    private int _notModified;
    private int _rateLimitUsed;

    public string Kind { get; } = kind;

    public string Name { get; } = name;

    public Lock Gate { get; } = new();

    public int NotModified => Volatile.Read(ref _notModified);

    public int RateLimitUsed => Volatile.Read(ref _rateLimitUsed);

    /// <summary>When the request being answered arrived (before the added latency); set by the simulator per request.</summary>
    public static AsyncLocal<DateTimeOffset> Arrival { get; } = new();

    public void Count(string endpoint)
    {
        _calls.AddOrUpdate(endpoint, 1, (_, n) => n + 1);
        _timeline.Enqueue((Arrival.Value == default ? DateTimeOffset.UtcNow : Arrival.Value, endpoint));
    }

    /// <summary>First and last arrival of each endpoint's calls between two moments: when a run did what.</summary>
    public IReadOnlyDictionary<string, (DateTimeOffset First, DateTimeOffset Last, int Calls)> Timeline(DateTimeOffset from, DateTimeOffset to) =>
        _timeline.Where(c => c.At >= from && c.At <= to)
            .GroupBy(c => c.Endpoint)
            .ToDictionary(g => g.Key, g => (g.Min(c => c.At), g.Max(c => c.At), g.Count()));

    public void CountNotModified() => Interlocked.Increment(ref _notModified);

    public int UseRateLimit() => Interlocked.Increment(ref _rateLimitUsed);

    public CallCounts Snapshot() => new(new Dictionary<string, int>(_calls, StringComparer.Ordinal), NotModified);

    // --- Comments ---

    public IReadOnlyList<SimulatedComment> CommentsOn(string issueKey)
    {
        lock (Gate)
        {
            return _comments.TryGetValue(issueKey, out var list) ? [.. list] : [];
        }
    }

    public SimulatedComment? Comment(long id)
    {
        lock (Gate)
        {
            return _byId.GetValueOrDefault(id);
        }
    }

    public SimulatedComment AddComment(string issueKey, string bodyJson, string marker, IEnumerable<KeyValuePair<string, string>> properties)
    {
        SimulatedComment comment;
        lock (Gate)
        {
            comment = new SimulatedComment(++_nextCommentId, issueKey, bodyJson, marker, Arrival.Value == default ? DateTimeOffset.UtcNow : Arrival.Value);
            foreach (var (key, value) in properties)
            {
                comment.Properties[key] = value;
            }

            if (!_comments.TryGetValue(issueKey, out var list))
            {
                _comments[issueKey] = list = [];
            }

            list.Add(comment);
            _byId[comment.Id] = comment;
            _creationTimes.Add(comment.Created);
        }

        _creations.AddOrUpdate($"{issueKey}|{marker}", 1, (_, n) => n + 1);
        Written(issueKey);
        return comment;
    }

    public void Edited(SimulatedComment comment) => Written(comment.IssueKey);

    /// <summary>Issue + marker pairs that got more than one comment created: duplicates a sticky comment must never make.</summary>
    public IReadOnlyDictionary<string, int> DuplicateCreations =>
        _creations.Where(c => c.Value > 1 && !c.Key.EndsWith("|none", StringComparison.Ordinal)).ToDictionary(c => c.Key, c => c.Value);

    public int CommentCreations => _creations.Values.Sum();

    public IReadOnlyList<DateTimeOffset> CreationTimes
    {
        get
        {
            lock (Gate)
            {
                return [.. _creationTimes];
            }
        }
    }

    /// <summary>Completes when the next comment create or edit on <paramref name="issueKey"/> arrives.</summary>
    public Task<DateTimeOffset> NextWriteOn(string issueKey) =>
        _writeWaiters.GetOrAdd(issueKey, _ => new TaskCompletionSource<DateTimeOffset>(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    private void Written(string issueKey)
    {
        if (_writeWaiters.TryRemove(issueKey, out var waiter))
        {
            waiter.TrySetResult(DateTimeOffset.UtcNow);
        }
    }
}

/// <summary>Calls by endpoint at one moment; subtract two snapshots to get what a phase cost.</summary>
public sealed record CallCounts(IReadOnlyDictionary<string, int> ByEndpoint, int NotModified)
{
    public static CallCounts Empty { get; } = new(new Dictionary<string, int>(), 0);

    public int this[string endpoint] => ByEndpoint.GetValueOrDefault(endpoint);

    public int Total => ByEndpoint.Values.Sum();

    public int Writes => ByEndpoint.Where(e => Endpoints.IsWrite(e.Key)).Sum(e => e.Value);

    public int Reads => Total - Writes;

    public CallCounts Minus(CallCounts before) => new(
        ByEndpoint.ToDictionary(e => e.Key, e => e.Value - before[e.Key]).Where(e => e.Value != 0).ToDictionary(e => e.Key, e => e.Value),
        NotModified - before.NotModified);

    public string Describe() => string.Join(", ", ByEndpoint.OrderByDescending(e => e.Value).Select(e => $"{e.Key} {e.Value}"));
}

/// <summary>The endpoint names the simulators count under.</summary>
public static class Endpoints
{
    public const string JiraSearch = "search/jql";
    public const string JiraIssue = "GET issue";
    public const string JiraMyself = "myself";
    public const string JiraServerInfo = "serverInfo";
    public const string JiraFields = "field";
    public const string JiraComments = "GET comments";
    public const string JiraCommentList = "comment/list";
    public const string JiraCommentProperty = "GET comment property";
    public const string AddComment = "POST comment";
    public const string EditComment = "edit comment";
    public const string GitHubUser = "user";
    public const string GitHubIssue = "GET issue";
    public const string GitHubSubIssues = "sub_issues";
    public const string GitHubComments = "GET comments";
    public const string GitHubComment = "GET comment";
    public const string GitHubRateLimit = "rate_limit";
    public const string Unknown = "unknown";

    public static bool IsWrite(string endpoint) => endpoint is AddComment or EditComment;
}
