using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using WireMock;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;
using WireMock.Types;
using WireMock.Util;

namespace OkrConnect.Sync.Tests.Support;

/// <summary>
/// A Jira Cloud site on WireMock.Net that keeps state: epics and their issues, comments with their properties. Every
/// answer is built from a recorded-shape template (Fixtures/cloud), so the connector reads what Jira really sends.
/// Faults (status codes, Retry-After, delays, a persistently failing search page, a comment created but answered with
/// 500) are injected per route. Strict: <see cref="AssertNoUnmatchedRequests"/> fails on any request no route matched.
/// </summary>
public sealed partial class FakeJira : IDisposable
{
    public const string ApiToken = "api-token-not-a-secret";
    public const string WebhookSecret = "webhook-secret-not-a-secret";
    public const string CloudOptions = """{"deployment":"cloud","email":"okr-bot@example.com","storyPointFields":["customfield_10016"]}""";

    public const string SearchPath = "/rest/api/3/search/jql";

    private readonly Lock gate = new();
    private readonly Dictionary<string, string> epics = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<FakeIssue> issues = [];
    private readonly List<FakeComment> comments = [];
    private readonly List<Fault> faults = [];
    private int nextCommentId = 20000;
    private int nextIssueId = 10100;

    public FakeJira()
    {
        Server = WireMockServer.Start();
        MapRoutes();
    }

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    /// <summary>Issues per search page (Jira decides its page size; small pages exercise paging).</summary>
    public int PageSize { get; set; } = 50;

    /// <summary>
    /// Extra headers on each successful search answer, given the 1-based page number and whether it is the last page
    /// (e.g. Jira Cloud's <c>X-RateLimit-*</c> headers). None when unset.
    /// </summary>
    public Func<int, bool, IEnumerable<(string Name, string Value)>>? SearchHeaders { get; set; }

    public void AddEpic(string key, string summary)
    {
        lock (gate)
        {
            epics[key] = summary;
        }
    }

    /// <summary>The epic is deleted (or hidden from the connector's account): Jira answers as if it never existed.</summary>
    public void RemoveEpic(string key)
    {
        lock (gate)
        {
            epics.Remove(key);
        }
    }

    public void AddIssue(string epicKey, string key, string category = "new", string? resolution = null, double? points = null)
    {
        lock (gate)
        {
            issues.Add(new FakeIssue(nextIssueId++.ToString(CultureInfo.InvariantCulture), key, epicKey, $"Work item {key}", category, resolution, points));
        }
    }

    public void SetStatus(string key, string category, string? resolution = null)
    {
        lock (gate)
        {
            var issue = issues.Single(i => i.Key == key);
            issue.Category = category;
            issue.Resolution = resolution;
        }
    }

    public IReadOnlyList<FakeComment> CommentsOn(string issueKey)
    {
        lock (gate)
        {
            return comments.Where(c => c.IssueKey == issueKey).ToList();
        }
    }

    /// <summary>The next <paramref name="times"/> requests matching method and path (a regex) get this status instead.</summary>
    public void Fail(string method, string pathPattern, int status, int times = 1, TimeSpan? delay = null, params (string Name, string Value)[] headers)
    {
        lock (gate)
        {
            faults.Add(new Fault(method, new Regex(pathPattern, RegexOptions.None, TimeSpan.FromSeconds(1)), status, times, delay, headers, null));
        }
    }

    /// <summary>Every request for search page <paramref name="page"/> (1-based) fails with <paramref name="status"/>.</summary>
    public void FailSearchPage(int page, int status)
    {
        lock (gate)
        {
            faults.Add(new Fault("POST", new Regex("^" + Regex.Escape(SearchPath) + "$"), status, int.MaxValue, null, [], $"page-{page}"));
        }
    }

    public void ClearFaults()
    {
        lock (gate)
        {
            faults.Clear();
        }
    }

    /// <summary>The next comment create stores the comment, then answers 500: the caller cannot know it exists.</summary>
    public bool CreateCommentThenFail { get; set; }

    public int Count(string method, string pathPattern) =>
        Server.LogEntries.Count(e =>
            string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase)
            && Regex.IsMatch(e.RequestMessage.Path, pathPattern));

    /// <summary>Requests that add or edit comments: what "write calls" means for a comment write-back.</summary>
    public int CommentWrites =>
        Count("POST", @"^/rest/api/3/issue/[^/]+/comment$") + Count("PUT", @"^/rest/api/3/issue/[^/]+/comment/\d+$");

    public void AssertNoUnmatchedRequests()
    {
        var unmatched = Server.LogEntries
            .Where(e => e.MappingGuid is null || e.MappingGuid == Guid.Empty)
            .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")
            .ToList();
        Assert.True(unmatched.Count == 0, "requests no stub matched:\n" + string.Join("\n", unmatched));
    }

    /// <summary>A signed <c>jira:issue_updated</c> delivery for an issue's current state, as Jira Cloud sends it.</summary>
    public (byte[] Body, Dictionary<string, string> Headers) IssueUpdatedWebhook(string issueKey, string deliveryId, string? secret = null)
    {
        var body = Fixture.Json("cloud/webhook.issue-updated.json");
        lock (gate)
        {
            var issue = issues.Single(i => i.Key == issueKey);
            body["issue"] = IssueJson(issue);
            body["changelog"] = new JsonObject
            {
                ["id"] = "10500",
                ["items"] = new JsonArray(new JsonObject
                {
                    ["field"] = "status",
                    ["fieldtype"] = "jira",
                    ["fieldId"] = "status",
                    ["from"] = "10000",
                    ["fromString"] = "To Do",
                    ["to"] = "10001",
                    ["toString"] = "Done",
                }),
            };
        }

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? WebhookSecret), bytes));
        return (bytes, new Dictionary<string, string>
        {
            ["X-Hub-Signature"] = "sha256=" + signature,
            ["X-Atlassian-Webhook-Identifier"] = deliveryId,
        });
    }

    public void Dispose()
    {
        try
        {
            AssertNoUnmatchedRequests();
        }
        finally
        {
            Server.Stop();
            Server.Dispose();
        }
    }

    private void MapRoutes()
    {
        Route("POST", SearchPath, Search);
        Route("GET", @"^/rest/api/3/issue/[A-Z][A-Z0-9]*-\d+$", GetIssue);
        Route("GET", @"^/rest/api/3/issue/[A-Z][A-Z0-9]*-\d+/comment$", ListComments);
        Route("POST", @"^/rest/api/3/issue/[A-Z][A-Z0-9]*-\d+/comment$", AddComment);
        Route("PUT", @"^/rest/api/3/issue/[A-Z][A-Z0-9]*-\d+/comment/\d+$", UpdateComment);
        Route("GET", @"^/rest/api/3/comment/\d+/properties/[^/]+$", GetCommentProperty);
        Route("POST", "/rest/api/3/comment/list", ListCommentsByIds);
        Route("GET", "/rest/api/3/myself", _ => Json(200, Fixture.Text("cloud/myself.json")));
    }

    private void Route(string method, string path, Func<IRequestMessage, ResponseMessage> answer)
    {
        var request = Request.Create().UsingMethod(method);
        request = path.StartsWith('^') ? request.WithPath(new RegexMatcher(path)) : request.WithPath(path);
        Server.Given(request).RespondWith(Response.Create().WithCallback(async message =>
        {
            if (TakeFault(message) is { } fault)
            {
                if (fault.Delay is { } delay)
                {
                    await Task.Delay(delay);
                }

                return fault.Status == 0
                    ? answer(message)
                    : Json(fault.Status, fault.Status == 429 ? Fixture.Text("cloud/error.rate-limited.json") : """{"errorMessages":["Internal server error"],"errors":{}}""", fault.Headers);
            }

            return (IResponseMessage)answer(message);
        }));
    }

    private Fault? TakeFault(IRequestMessage message)
    {
        lock (gate)
        {
            var token = message.Method == "POST" && message.Path == SearchPath ? JsonNode.Parse(message.Body ?? "{}")?["nextPageToken"]?.GetValue<string>() : null;
            var fault = faults.FirstOrDefault(f =>
                f.Remaining > 0
                && string.Equals(f.Method, message.Method, StringComparison.OrdinalIgnoreCase)
                && f.Path.IsMatch(message.Path)
                && (f.PageToken is null || f.PageToken == token));
            if (fault is not null && fault.Remaining != int.MaxValue)
            {
                fault.Remaining--;
            }

            return fault;
        }
    }

    private ResponseMessage Search(IRequestMessage message)
    {
        var request = JsonNode.Parse(message.Body!)!;
        var jql = request["jql"]!.GetValue<string>();
        var token = request["nextPageToken"]?.GetValue<string>();
        var match = ParentClause().Match(jql);
        Assert.True(match.Success, $"the fake only answers \"parent in (…)\" searches, got: {jql}");
        var keys = match.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);

        lock (gate)
        {
            // Jira refuses the whole query when one key in "parent in (...)" does not exist.
            if (keys.FirstOrDefault(k => !epics.ContainsKey(k)) is { } missing)
            {
                return Json(400, new JsonObject
                {
                    ["errorMessages"] = new JsonArray($"The value '{missing}' does not exist for the field 'parent'."),
                    ["errors"] = new JsonObject(),
                }.ToJsonString());
            }

            var found = issues.Where(i => keys.Contains(i.EpicKey, StringComparer.OrdinalIgnoreCase)).OrderBy(i => i.Key, StringComparer.Ordinal).ToList();
            var page = token is null ? 1 : int.Parse(token["page-".Length..], CultureInfo.InvariantCulture);
            var slice = found.Skip((page - 1) * PageSize).Take(PageSize).ToList();
            var isLast = page * PageSize >= found.Count;
            var answer = new JsonObject { ["issues"] = new JsonArray(slice.Select(i => (JsonNode)IssueJson(i)).ToArray()) };
            if (!isLast)
            {
                answer["nextPageToken"] = $"page-{page + 1}";
            }

            answer["isLast"] = isLast;
            return Json(200, answer.ToJsonString(), [.. SearchHeaders?.Invoke(page, isLast) ?? []]);
        }
    }

    private ResponseMessage GetIssue(IRequestMessage message)
    {
        var key = message.Path.Split('/')[^1];
        lock (gate)
        {
            if (!epics.TryGetValue(key, out var summary))
            {
                return Json(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
            }

            var epic = Fixture.Json("cloud/issue.epic.json");
            epic["key"] = key;
            epic["fields"]!["summary"] = summary;
            return Json(200, epic.ToJsonString());
        }
    }

    private ResponseMessage ListComments(IRequestMessage message)
    {
        var key = message.Path.Split('/')[^2];
        lock (gate)
        {
            if (!epics.ContainsKey(key))
            {
                return Json(404, """{"errorMessages":["Issue does not exist or you do not have permission to see it."],"errors":{}}""");
            }

            var page = Fixture.Json("cloud/comments.empty.json");
            var mine = comments.Where(c => c.IssueKey == key).ToList();
            page["total"] = mine.Count;
            page["comments"] = new JsonArray(mine.Select(c => (JsonNode)CommentJson(c, withProperties: false)).ToArray());
            return Json(200, page.ToJsonString());
        }
    }

    private ResponseMessage ListCommentsByIds(IRequestMessage message)
    {
        var ids = JsonNode.Parse(message.Body!)!["ids"]!.AsArray().Select(n => n!.GetValue<long>().ToString(CultureInfo.InvariantCulture)).ToHashSet();
        lock (gate)
        {
            var page = Fixture.Json("cloud/comment-list.with-marker.json");
            var found = comments.Where(c => ids.Contains(c.Id)).ToList();
            page["total"] = found.Count;
            page["values"] = new JsonArray(found.Select(c => (JsonNode)CommentJson(c, withProperties: true)).ToArray());
            return Json(200, page.ToJsonString());
        }
    }

    private ResponseMessage AddComment(IRequestMessage message)
    {
        var key = message.Path.Split('/')[^2];
        var write = JsonNode.Parse(message.Body!)!;
        lock (gate)
        {
            var comment = new FakeComment(nextCommentId++.ToString(CultureInfo.InvariantCulture), key, write["body"]!.DeepClone(), Properties(write));
            comments.Add(comment);
            if (CreateCommentThenFail)
            {
                CreateCommentThenFail = false;
                return Json(500, """{"errorMessages":["Internal server error"],"errors":{}}""");
            }

            return Json(201, CommentJson(comment, withProperties: false).ToJsonString());
        }
    }

    private ResponseMessage UpdateComment(IRequestMessage message)
    {
        var parts = message.Path.Split('/');
        var write = JsonNode.Parse(message.Body!)!;
        lock (gate)
        {
            var comment = comments.SingleOrDefault(c => c.Id == parts[^1] && c.IssueKey == parts[^3]);
            if (comment is null)
            {
                return Json(404, """{"errorMessages":["Can not find a comment for the id."],"errors":{}}""");
            }

            comment.Body = write["body"]!.DeepClone();
            foreach (var (name, value) in Properties(write))
            {
                comment.Properties[name] = value;
            }

            return Json(200, CommentJson(comment, withProperties: false).ToJsonString());
        }
    }

    private ResponseMessage GetCommentProperty(IRequestMessage message)
    {
        var parts = message.Path.Split('/');
        lock (gate)
        {
            var comment = comments.SingleOrDefault(c => c.Id == parts[^3]);
            if (comment is null || !comment.Properties.TryGetValue(parts[^1], out var value))
            {
                return Json(404, """{"errorMessages":["The property with the specified key does not exist."],"errors":{}}""");
            }

            return Json(200, new JsonObject { ["key"] = parts[^1], ["value"] = value?.DeepClone() }.ToJsonString());
        }
    }

    private static Dictionary<string, JsonNode?> Properties(JsonNode write) =>
        (write["properties"]?.AsArray() ?? [])
            .ToDictionary(p => p!["key"]!.GetValue<string>(), p => p!["value"]?.DeepClone());

    private JsonObject IssueJson(FakeIssue issue)
    {
        var json = Fixture.Json("cloud/search-jql.page1.json")["issues"]![0]!.DeepClone().AsObject();
        json["id"] = issue.Id;
        json["key"] = issue.Key;
        json["self"] = $"{Url}/rest/api/3/issue/{issue.Id}";
        var fields = json["fields"]!.AsObject();
        fields["summary"] = issue.Summary;
        var (statusName, categoryId, color, categoryName) = issue.Category switch
        {
            "done" => ("Done", 3, "green", "Done"),
            "indeterminate" => ("In Progress", 4, "yellow", "In Progress"),
            _ => ("To Do", 2, "blue-gray", "To Do"),
        };
        var status = fields["status"]!;
        status["name"] = statusName;
        status["statusCategory"]!["id"] = categoryId;
        status["statusCategory"]!["key"] = issue.Category;
        status["statusCategory"]!["colorName"] = color;
        status["statusCategory"]!["name"] = categoryName;
        fields["resolution"] = issue.Resolution is null
            ? null
            : new JsonObject { ["self"] = $"{Url}/rest/api/3/resolution/10000", ["id"] = "10000", ["description"] = "", ["name"] = issue.Resolution };
        fields["parent"]!["key"] = issue.EpicKey;
        fields["parent"]!["fields"]!["summary"] = epics.GetValueOrDefault(issue.EpicKey, "Epic");
        fields["customfield_10016"] = issue.Points;
        return json;
    }

    private JsonObject CommentJson(FakeComment comment, bool withProperties)
    {
        var json = Fixture.Json("cloud/comment.created.json").AsObject();
        json["id"] = comment.Id;
        json["self"] = $"{Url}/rest/api/3/issue/{comment.IssueKey}/comment/{comment.Id}";
        json["body"] = comment.Body.DeepClone();
        if (withProperties)
        {
            json["properties"] = new JsonArray(comment.Properties
                .Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = p.Value?.DeepClone() })
                .ToArray());
        }

        return json;
    }

    private static ResponseMessage Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
            Headers = new Dictionary<string, WireMockList<string>> { ["Content-Type"] = new("application/json;charset=UTF-8") },
        };
        foreach (var (name, value) in headers)
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        return message;
    }

    [GeneratedRegex(@"parent in \(([^)]*)\)")]
    private static partial Regex ParentClause();

    private sealed class Fault(string method, Regex path, int status, int times, TimeSpan? delay, (string, string)[] headers, string? pageToken)
    {
        public string Method { get; } = method;
        public Regex Path { get; } = path;
        public int Status { get; } = status;
        public int Remaining { get; set; } = times;
        public TimeSpan? Delay { get; } = delay;
        public (string Name, string Value)[] Headers { get; } = headers;
        public string? PageToken { get; } = pageToken;
    }
}

public sealed class FakeIssue(string id, string key, string epicKey, string summary, string category, string? resolution, double? points)
{
    public string Id { get; } = id;
    public string Key { get; } = key;
    public string EpicKey { get; } = epicKey;
    public string Summary { get; } = summary;
    public string Category { get; set; } = category;
    public string? Resolution { get; set; } = resolution;
    public double? Points { get; } = points;
}

public sealed class FakeComment(string id, string issueKey, JsonNode body, Dictionary<string, JsonNode?> properties)
{
    public string Id { get; } = id;
    public string IssueKey { get; } = issueKey;
    public JsonNode Body { get; set; } = body;
    public Dictionary<string, JsonNode?> Properties { get; } = properties;
}
