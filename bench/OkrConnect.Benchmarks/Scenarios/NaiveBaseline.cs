using System.Diagnostics;
using System.Text;
using System.Text.Json.Nodes;
using OkrConnect.Benchmarks.Simulator;

namespace OkrConnect.Benchmarks.Scenarios;

/// <summary>
/// What a straightforward integration would do, against the same simulator (its own sites, so its comments and counts
/// stay apart): one query per epic or parent at the trackers' default page sizes (Jira 50, GitHub 30), no conditional
/// requests, no incremental reads, and it writes its comment on every sync. Four requests at a time.
/// </summary>
public sealed class NaiveBaseline(TrackerSimulator simulator, int parallelism = 4)
{
    public const string JiraSite = "baseline";
    public const string GitHubSite = "baseline";

    private static readonly string[] JiraFields = ["summary", "status", "resolution", "issuetype", "parent", "updated"];

    private readonly Dictionary<int, long> _jiraComments = [];
    private readonly Dictionary<int, long> _gitHubComments = [];
    private readonly Lock _gate = new();

    /// <summary>One sync of every epic: reads its issues page by page, then writes (creates or edits) its comment.</summary>
    public async Task<TimeSpan> SyncJiraAsync(HttpClient http, int epics, CancellationToken ct)
    {
        var baseUrl = simulator.JiraUrl(JiraSite);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, epics), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (epic, token) =>
        {
            var key = simulator.Work.EpicKey(epic);
            string? next = null;
            var done = 0;
            var total = 0;
            do
            {
                var request = new JsonObject { ["jql"] = $"parent = {key}", ["fields"] = new JsonArray(JiraFields.Select(f => (JsonNode)f).ToArray()), ["maxResults"] = 50 };
                if (next is not null)
                {
                    request["nextPageToken"] = next;
                }

                var page = await PostAsync(http, $"{baseUrl}/rest/api/3/search/jql", request, token);
                foreach (var issue in page["issues"]!.AsArray())
                {
                    total++;
                    done += issue!["fields"]!["status"]!["statusCategory"]!["key"]!.GetValue<string>() == "done" ? 1 : 0;
                }

                next = page["isLast"]!.GetValue<bool>() ? null : page["nextPageToken"]!.GetValue<string>();
            }
            while (next is not null);

            var body = new JsonObject { ["body"] = Adf($"Progress: {done}/{total}") };
            long? known;
            lock (_gate)
            {
                known = _jiraComments.TryGetValue(epic, out var id) ? id : null;
            }

            if (known is { } commentId)
            {
                await SendAsync(http, HttpMethod.Put, $"{baseUrl}/rest/api/3/issue/{key}/comment/{commentId}", body, token);
            }
            else
            {
                var created = await PostAsync(http, $"{baseUrl}/rest/api/3/issue/{key}/comment", body, token);
                lock (_gate)
                {
                    _jiraComments[epic] = long.Parse(created["id"]!.GetValue<string>(), System.Globalization.CultureInfo.InvariantCulture);
                }
            }
        });
        return watch.Elapsed;
    }

    /// <summary>One sync of every parent: sub-issues at the default 30 a page, no ETags; comments only on the first <paramref name="commentParents"/>.</summary>
    public async Task<TimeSpan> SyncGitHubAsync(HttpClient http, int parents, int commentParents, CancellationToken ct)
    {
        var baseUrl = simulator.GitHubUrl(GitHubSite);
        var watch = Stopwatch.StartNew();
        await Parallel.ForEachAsync(Enumerable.Range(0, parents), new ParallelOptions { MaxDegreeOfParallelism = parallelism, CancellationToken = ct }, async (parent, token) =>
        {
            var number = SimulatedWork.ParentNumber(parent);
            string? url = $"{baseUrl}/repos/{SimulatedWork.Repository}/issues/{number}/sub_issues";
            var closed = 0;
            var total = 0;
            while (url is not null)
            {
                using var response = await http.GetAsync(url, token);
                response.EnsureSuccessStatusCode();
                foreach (var issue in JsonNode.Parse(await response.Content.ReadAsStringAsync(token))!.AsArray())
                {
                    total++;
                    closed += issue!["state"]!.GetValue<string>() == "closed" ? 1 : 0;
                }

                url = NextLink(response);
            }

            if (parent >= commentParents)
            {
                return;
            }

            var body = new JsonObject { ["body"] = $"Progress: {closed}/{total}" };
            long? known;
            lock (_gate)
            {
                known = _gitHubComments.TryGetValue(parent, out var id) ? id : null;
            }

            if (known is { } commentId)
            {
                await SendAsync(http, HttpMethod.Patch, $"{baseUrl}/repos/{SimulatedWork.Repository}/issues/comments/{commentId}", body, token);
            }
            else
            {
                var created = await PostAsync(http, $"{baseUrl}/repos/{SimulatedWork.Repository}/issues/{number}/comments", body, token);
                lock (_gate)
                {
                    _gitHubComments[parent] = created["id"]!.GetValue<long>();
                }
            }
        });
        return watch.Elapsed;
    }

    private static JsonObject Adf(string text) => new()
    {
        ["type"] = "doc",
        ["version"] = 1,
        ["content"] = new JsonArray(new JsonObject
        {
            ["type"] = "paragraph",
            ["content"] = new JsonArray(new JsonObject { ["type"] = "text", ["text"] = text }),
        }),
    };

    private static async Task<JsonNode> PostAsync(HttpClient http, string url, JsonNode body, CancellationToken ct)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await http.PostAsync(url, content, ct);
        response.EnsureSuccessStatusCode();
        return JsonNode.Parse(await response.Content.ReadAsStringAsync(ct))!;
    }

    private static async Task SendAsync(HttpClient http, HttpMethod method, string url, JsonNode body, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, url) { Content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json") };
        using var response = await http.SendAsync(request, ct);
        response.EnsureSuccessStatusCode();
    }

    private static string? NextLink(HttpResponseMessage response)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (var part in string.Join(",", values).Split(','))
        {
            if (part.Contains("rel=\"next\"", StringComparison.Ordinal))
            {
                var start = part.IndexOf('<', StringComparison.Ordinal) + 1;
                return part[start..part.IndexOf('>', StringComparison.Ordinal)];
            }
        }

        return null;
    }
}
