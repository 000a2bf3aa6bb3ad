namespace OkrConnect.Benchmarks.Simulator;

/// <summary>
/// The work both simulated trackers serve: N epics (Jira) and N parent issues (GitHub), each with M children.
/// Children are numbered 0 … N·M−1; child k belongs to epic/parent k / M. Statuses come from a fixed seed, so every
/// run (and the naive baseline's site) sees the same work. Updated times start two days in the past, so an incremental
/// read right after a full one finds only what the benchmark changed.
/// </summary>
public sealed class SimulatedWork
{
    public const string JiraProject = "OKR";
    public const string GitHubOwner = "okr-bench";
    public const string GitHubRepo = "work";

    private readonly Lock _changing = new();

    // Jira: 0 to do ("new"), 1 in progress ("indeterminate"), 2 done.
    private readonly byte[] _jiraCategory;
    private readonly long[] _jiraUpdated;

    private readonly bool[] _gitHubClosed;
    private readonly long[] _gitHubUpdated;

    // Bumped when any sub-issue of a parent changes: the ETag of that parent's sub-issue pages.
    private readonly int[] _parentVersion;

    public SimulatedWork(int epics, int issuesPerEpic, int seed = 20261103)
    {
        Epics = epics;
        IssuesPerEpic = issuesPerEpic;
        var total = epics * issuesPerEpic;
        _jiraCategory = new byte[total];
        _jiraUpdated = new long[total];
        _gitHubClosed = new bool[total];
        _gitHubUpdated = new long[total];
        _parentVersion = new int[epics];

        var random = new Random(seed);
        var past = DateTimeOffset.UtcNow.AddDays(-2).ToUnixTimeMilliseconds();
        for (var k = 0; k < total; k++)
        {
            var roll = random.Next(10);
            _jiraCategory[k] = roll < 4 ? (byte)2 : roll < 6 ? (byte)1 : (byte)0;
            _gitHubClosed[k] = random.Next(10) < 4;
            _jiraUpdated[k] = past - random.Next(86_400_000);
            _gitHubUpdated[k] = _jiraUpdated[k];
        }

        CreatedAt = DateTimeOffset.UtcNow.AddDays(-30);
    }

    public int Epics { get; }

    public int IssuesPerEpic { get; }

    public int TotalIssues => Epics * IssuesPerEpic;

    public DateTimeOffset CreatedAt { get; }

    // --- Jira naming ---

    public string EpicKey(int epic) => $"{JiraProject}-{epic + 1}";

    public string IssueKey(int issue) => $"{JiraProject}-{Epics + issue + 1}";

    public static long EpicId(int epic) => 10_000 + epic;

    public static long IssueId(int issue) => 100_000 + issue;

    /// <summary>The epic index of an epic key, or −1 when the key is not an epic of this work.</summary>
    public int EpicOf(string key)
    {
        var number = KeyNumber(key);
        return number >= 1 && number <= Epics ? number - 1 : -1;
    }

    /// <summary>The child index of an issue key, or −1.</summary>
    public int IssueOf(string key)
    {
        var number = KeyNumber(key);
        return number > Epics && number <= Epics + TotalIssues ? number - Epics - 1 : -1;
    }

    public int JiraCategory(int issue) => _jiraCategory[issue];

    public DateTimeOffset JiraUpdated(int issue) => DateTimeOffset.FromUnixTimeMilliseconds(Volatile.Read(ref _jiraUpdated[issue]));

    public static double? Points(int issue) => issue % 4 == 3 ? null : 1 + (issue % 5);

    // --- GitHub naming: parents are #1 … #N, sub-issues #N+1 … #N+N·M in one repository. ---

    public static string Repository => $"{GitHubOwner}/{GitHubRepo}";

    public static int ParentNumber(int parent) => parent + 1;

    public int SubIssueNumber(int issue) => Epics + issue + 1;

    public int ParentOfNumber(int number) => number >= 1 && number <= Epics ? number - 1 : -1;

    public int SubIssueOfNumber(int number) => number > Epics && number <= Epics + TotalIssues ? number - Epics - 1 : -1;

    public bool GitHubClosed(int issue) => Volatile.Read(ref _gitHubClosed[issue]);

    public DateTimeOffset GitHubUpdated(int issue) => DateTimeOffset.FromUnixTimeMilliseconds(Volatile.Read(ref _gitHubUpdated[issue]));

    public int ParentVersion(int parent) => Volatile.Read(ref _parentVersion[parent]);

    // --- Changes ---

    /// <summary>Moves a Jira issue to another status category (to do ↔ done, in progress → done) and touches it.</summary>
    public void ChangeJira(int issue)
    {
        lock (_changing)
        {
            _jiraCategory[issue] = _jiraCategory[issue] == 2 ? (byte)0 : (byte)2;
            Volatile.Write(ref _jiraUpdated[issue], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
        }
    }

    /// <summary>Closes an open sub-issue or reopens a closed one, and bumps its parent's list version.</summary>
    public void ChangeGitHub(int issue)
    {
        lock (_changing)
        {
            _gitHubClosed[issue] = !_gitHubClosed[issue];
            Volatile.Write(ref _gitHubUpdated[issue], DateTimeOffset.UtcNow.ToUnixTimeMilliseconds());
            Interlocked.Increment(ref _parentVersion[issue / IssuesPerEpic]);
        }
    }

    /// <summary>How an epic's children split by status category (to do, in progress, done): what its progress comment says.</summary>
    public (int ToDo, int InProgress, int Done) JiraBreakdown(int epic)
    {
        var counts = new int[3];
        for (var k = epic * IssuesPerEpic; k < (epic + 1) * IssuesPerEpic; k++)
        {
            counts[_jiraCategory[k]]++;
        }

        return (counts[0], counts[1], counts[2]);
    }

    /// <summary>How many of a parent's sub-issues are closed.</summary>
    public int GitHubClosedCount(int parent)
    {
        var closed = 0;
        for (var k = parent * IssuesPerEpic; k < (parent + 1) * IssuesPerEpic; k++)
        {
            closed += _gitHubClosed[k] ? 1 : 0;
        }

        return closed;
    }

    /// <summary>A fixed-seed sample of distinct children, e.g. the 1 % changed in the incremental phase.</summary>
    public IReadOnlyList<int> Sample(int count, int seed)
    {
        var random = new Random(seed);
        var picked = new HashSet<int>();
        count = Math.Min(count, TotalIssues);
        while (picked.Count < count)
        {
            picked.Add(random.Next(TotalIssues));
        }

        return [.. picked.Order()];
    }

    private static int KeyNumber(string key)
    {
        var dash = key.LastIndexOf('-');
        return dash > 0 && int.TryParse(key.AsSpan(dash + 1), out var number) ? number : -1;
    }
}
