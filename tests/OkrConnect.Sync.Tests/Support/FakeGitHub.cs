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
/// GitHub's REST API on WireMock.Net, keeping state: issues with their sub-issues, comments. Issues are the recorded
/// issue object of Fixtures/github/paginate-issues.raw-fixture.json with only number, title, state, state_reason,
/// URLs and pull_request changed, so the connector reads what GitHub really sends. Lists page with
/// <c>Link: rel="next"</c> (honouring <c>per_page</c> up to <see cref="MaxPageSize"/>), reads carry an <c>ETag</c> and
/// answer 304 to a matching <c>If-None-Match</c>. Strict: <see cref="AssertNoUnmatchedRequests"/> fails on any request no
/// route matched.
/// </summary>
public sealed partial class FakeGitHub : IDisposable
{
    public const string Token = "ghp_fake_token_not_a_secret";
    public const string WebhookSecret = "github-webhook-secret-not-a-secret";
    public const string Login = "okr-bot";

    private static readonly Lazy<JsonObject> RecordedIssue = new(() => Fixture.Json("github/paginate-issues.raw-fixture.json").AsArray()
        .First(i => string.Equals(i!["method"]!.GetValue<string>(), "GET", StringComparison.OrdinalIgnoreCase)
            && i["path"]!.GetValue<string>().Contains("/issues?per_page=3", StringComparison.Ordinal))!["response"]!.AsArray()[0]!.AsObject());

    private readonly Lock gate = new();
    private readonly List<GitHubIssue> issues = [];
    private readonly List<GitHubComment> comments = [];
    private readonly List<(Regex Path, TimeSpan Delay)> delays = [];
    private long nextCommentId = 900001;

    public FakeGitHub()
    {
        Server = WireMockServer.Start();
        MapRoutes();
    }

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    /// <summary>The largest page the server hands out, whatever <c>per_page</c> asks (GitHub's is 100).</summary>
    public int MaxPageSize { get; set; } = 100;

    /// <summary>An issue in <c>owner/repo</c>; with a <paramref name="parent"/> (a number in the same repository) it is a sub-issue of it.</summary>
    public void AddIssue(string repository, int number, int? parent = null, string state = "open", string? stateReason = null, bool pullRequest = false)
    {
        lock (gate)
        {
            issues.Add(new GitHubIssue(repository, number, parent, $"Issue {number}", pullRequest) { State = state, StateReason = stateReason });
        }
    }

    public void Close(string repository, int number, string stateReason = "completed")
    {
        lock (gate)
        {
            var issue = issues.Single(i => i.Repository == repository && i.Number == number);
            issue.State = "closed";
            issue.StateReason = stateReason;
        }
    }

    public IReadOnlyList<GitHubComment> CommentsOn(string repository, int number)
    {
        lock (gate)
        {
            return comments.Where(c => c.Repository == repository && c.IssueNumber == number).ToList();
        }
    }

    /// <summary>Requests matching method and path (a regex) are answered only after <paramref name="delay"/> (real time).</summary>
    public void Delay(string method, string pathPattern, TimeSpan delay)
    {
        lock (gate)
        {
            delays.Add((new Regex($"^{method.ToUpperInvariant()} {pathPattern}", RegexOptions.None, TimeSpan.FromSeconds(1)), delay));
        }
    }

    public int Count(string method, string pathPattern, int? status = null) =>
        Server.LogEntries.Count(e =>
            string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase)
            && Regex.IsMatch(e.RequestMessage.Path, pathPattern)
            && (status is null || e.ResponseMessage.StatusCode is int code && code == status));

    /// <summary>Requests that create or edit comments: what "write calls" means for a comment write-back.</summary>
    public int CommentWrites =>
        Count("POST", @"^/repos/[^/]+/[^/]+/issues/\d+/comments$") + Count("PATCH", @"^/repos/[^/]+/[^/]+/issues/comments/\d+$");

    public void AssertNoUnmatchedRequests()
    {
        var unmatched = Server.LogEntries
            .Where(e => e.MappingGuid is null || e.MappingGuid == Guid.Empty)
            .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")
            .ToList();
        Assert.True(unmatched.Count == 0, "requests no stub matched:\n" + string.Join("\n", unmatched));
    }

    /// <summary>
    /// A signed <c>issues</c> delivery for an issue's current state (action <paramref name="action"/>), shaped like
    /// GitHub's: Fixtures/github-webhooks/issues.reopened.payload.json with its action, issue and repository replaced.
    /// </summary>
    public (byte[] Body, Dictionary<string, string> Headers) IssuesWebhook(string repository, int number, string action, string deliveryId, string? secret = null)
    {
        var body = Fixture.Json("github-webhooks/issues.reopened.payload.json").AsObject();
        body["action"] = action;
        body.Remove("installation");
        lock (gate)
        {
            body["issue"] = IssueJson(issues.Single(i => i.Repository == repository && i.Number == number));
        }

        var (owner, name) = Split(repository);
        var repo = body["repository"]!.AsObject();
        repo["name"] = name;
        repo["full_name"] = repository;
        repo["owner"]!["login"] = owner;
        repo["html_url"] = $"https://github.com/{repository}";
        repo["url"] = $"{Url}/repos/{repository}";

        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret ?? WebhookSecret), bytes));
        return (bytes, new Dictionary<string, string>
        {
            ["X-GitHub-Event"] = "issues",
            ["X-GitHub-Delivery"] = deliveryId,
            ["X-Hub-Signature-256"] = "sha256=" + signature,
            ["User-Agent"] = "GitHub-Hookshot/abc1234",
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
        Route("GET", "^/user$", _ => Json(200, UserJson(Login).ToJsonString()));
        Route("GET", @"^/repos/[^/]+/[^/]+/issues/\d+$", GetIssue);
        Route("GET", @"^/repos/[^/]+/[^/]+/issues/\d+/sub_issues$", ListSubIssues);
        Route("GET", @"^/repos/[^/]+/[^/]+/issues/\d+/comments$", ListComments);
        Route("POST", @"^/repos/[^/]+/[^/]+/issues/\d+/comments$", CreateComment);
        Route("GET", @"^/repos/[^/]+/[^/]+/issues/comments/\d+$", GetComment);
        Route("PATCH", @"^/repos/[^/]+/[^/]+/issues/comments/\d+$", UpdateComment);
    }

    private void Route(string method, string path, Func<IRequestMessage, ResponseMessage> answer)
    {
        var request = Request.Create().UsingMethod(method).WithPath(new RegexMatcher(path));
        Server.Given(request).RespondWith(Response.Create().WithCallback(async message =>
        {
            TimeSpan? delay;
            lock (gate)
            {
                delay = delays.FirstOrDefault(d => d.Path.IsMatch($"{message.Method.ToUpperInvariant()} {message.Path}")).Delay;
            }

            if (delay is { } wait && wait > TimeSpan.Zero)
            {
                await Task.Delay(wait);
            }

            return (IResponseMessage)answer(message);
        }));
    }

    private ResponseMessage GetIssue(IRequestMessage message)
    {
        var (repository, number) = IssuePath(message.Path);
        lock (gate)
        {
            var issue = issues.SingleOrDefault(i => i.Repository == repository && i.Number == number);
            return issue is null ? NotFound() : Conditional(message, IssueJson(issue).ToJsonString());
        }
    }

    private ResponseMessage ListSubIssues(IRequestMessage message)
    {
        var (repository, number) = IssuePath(message.Path[..^"/sub_issues".Length]);
        lock (gate)
        {
            if (!issues.Any(i => i.Repository == repository && i.Number == number))
            {
                return NotFound();
            }

            var children = issues.Where(i => i.Repository == repository && i.Parent == number).OrderBy(i => i.Number).Select(i => (JsonNode)IssueJson(i)).ToList();
            return Paged(message, children);
        }
    }

    private ResponseMessage ListComments(IRequestMessage message)
    {
        var (repository, number) = IssuePath(message.Path[..^"/comments".Length]);
        lock (gate)
        {
            if (!issues.Any(i => i.Repository == repository && i.Number == number))
            {
                return NotFound();
            }

            return Paged(message, comments.Where(c => c.Repository == repository && c.IssueNumber == number).Select(c => (JsonNode)CommentJson(c)).ToList());
        }
    }

    private ResponseMessage CreateComment(IRequestMessage message)
    {
        var (repository, number) = IssuePath(message.Path[..^"/comments".Length]);
        var body = JsonNode.Parse(message.Body!)!["body"]!.GetValue<string>();
        lock (gate)
        {
            if (!issues.Any(i => i.Repository == repository && i.Number == number))
            {
                return NotFound();
            }

            var comment = new GitHubComment(nextCommentId++, repository, number) { Body = body };
            comments.Add(comment);
            return Json(201, CommentJson(comment).ToJsonString(), ("Location", $"{Url}/repos/{repository}/issues/comments/{comment.Id}"));
        }
    }

    private ResponseMessage GetComment(IRequestMessage message)
    {
        var (repository, id) = CommentPath(message.Path);
        lock (gate)
        {
            var comment = comments.SingleOrDefault(c => c.Repository == repository && c.Id == id);
            return comment is null ? NotFound() : Conditional(message, CommentJson(comment).ToJsonString());
        }
    }

    private ResponseMessage UpdateComment(IRequestMessage message)
    {
        var (repository, id) = CommentPath(message.Path);
        var body = JsonNode.Parse(message.Body!)!["body"]!.GetValue<string>();
        lock (gate)
        {
            var comment = comments.SingleOrDefault(c => c.Repository == repository && c.Id == id);
            if (comment is null)
            {
                return NotFound();
            }

            comment.Body = body;
            comment.UpdatedAt = DateTimeOffset.UtcNow;
            return Json(200, CommentJson(comment).ToJsonString());
        }
    }

    // One page of a list as GitHub sends it: per_page (at most MaxPageSize), page, Link to the next and last pages.
    private ResponseMessage Paged(IRequestMessage message, List<JsonNode> all)
    {
        var perPage = Math.Min(MaxPageSize, Query(message, "per_page") is { } p ? int.Parse(p, CultureInfo.InvariantCulture) : 30);
        var page = Query(message, "page") is { } n ? int.Parse(n, CultureInfo.InvariantCulture) : 1;
        var slice = all.Skip((page - 1) * perPage).Take(perPage).ToArray();
        var lastPage = Math.Max(1, (all.Count + perPage - 1) / perPage);
        var links = new List<string>();
        if (page < lastPage)
        {
            links.Add($"<{Url}{message.Path}?per_page={perPage}&page={page + 1}>; rel=\"next\"");
            links.Add($"<{Url}{message.Path}?per_page={perPage}&page={lastPage}>; rel=\"last\"");
        }

        var headers = links.Count == 0 ? [] : new[] { ("Link", string.Join(", ", links)) };
        return Conditional(message, new JsonArray(slice).ToJsonString(), headers);
    }

    // A read with an ETag of its body; a matching If-None-Match gets 304 with no body, as GitHub answers.
    private static ResponseMessage Conditional(IRequestMessage message, string body, params (string Name, string Value)[] headers)
    {
        var etag = "W/\"" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(body))) + "\"";
        var asked = message.Headers?.FirstOrDefault(h => string.Equals(h.Key, "If-None-Match", StringComparison.OrdinalIgnoreCase)).Value;
        if (asked is not null && asked.Any(v => v.Split(',').Select(t => t.Trim()).Contains(etag)))
        {
            var notModified = Json(304, string.Empty, [.. headers, ("ETag", etag)]);
            notModified.BodyData = null;
            notModified.Headers!.Remove("Content-Type");
            return notModified;
        }

        return Json(200, body, [.. headers, ("ETag", etag)]);
    }

    private static string? Query(IRequestMessage message, string name) =>
        message.Query is { } query && query.TryGetValue(name, out var values) && values.Count > 0 ? values[0] : null;

    private JsonObject IssueJson(GitHubIssue issue)
    {
        var json = RecordedIssue.Value.DeepClone().AsObject();
        var api = $"{Url}/repos/{issue.Repository}";
        json["url"] = $"{api}/issues/{issue.Number}";
        json["repository_url"] = api;
        json["labels_url"] = $"{api}/issues/{issue.Number}/labels{{/name}}";
        json["comments_url"] = $"{api}/issues/{issue.Number}/comments";
        json["events_url"] = $"{api}/issues/{issue.Number}/events";
        json["html_url"] = $"https://github.com/{issue.Repository}/issues/{issue.Number}";
        json["id"] = 7000 + issue.Number;
        json["number"] = issue.Number;
        json["title"] = issue.Title;
        json["state"] = issue.State;
        json["state_reason"] = issue.StateReason;
        json["closed_at"] = issue.State == "closed" ? "2026-11-20T10:00:00Z" : null;
        if (issue.PullRequest)
        {
            json["pull_request"] = new JsonObject
            {
                ["url"] = $"{api}/pulls/{issue.Number}",
                ["html_url"] = $"https://github.com/{issue.Repository}/pull/{issue.Number}",
                ["diff_url"] = $"https://github.com/{issue.Repository}/pull/{issue.Number}.diff",
                ["patch_url"] = $"https://github.com/{issue.Repository}/pull/{issue.Number}.patch",
                ["merged_at"] = null,
            };
        }

        return json;
    }

    // The user object of the recorded issue, renamed: GitHub's simple-user shape.
    private static JsonObject UserJson(string login)
    {
        var user = RecordedIssue.Value["user"]!.DeepClone().AsObject();
        foreach (var (key, value) in user.ToList())
        {
            if (value?.GetValueKind() == System.Text.Json.JsonValueKind.String)
            {
                user[key] = value.GetValue<string>().Replace("octokit-fixture-user-a", login, StringComparison.Ordinal);
            }
        }

        user["login"] = login;
        return user;
    }

    private JsonObject CommentJson(GitHubComment comment) => new()
    {
        ["url"] = $"{Url}/repos/{comment.Repository}/issues/comments/{comment.Id}",
        ["html_url"] = $"https://github.com/{comment.Repository}/issues/{comment.IssueNumber}#issuecomment-{comment.Id}",
        ["issue_url"] = $"{Url}/repos/{comment.Repository}/issues/{comment.IssueNumber}",
        ["id"] = comment.Id,
        ["node_id"] = "IC_kwDOHrjtpM5" + comment.Id.ToString(CultureInfo.InvariantCulture),
        ["user"] = UserJson(Login),
        ["created_at"] = comment.CreatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["updated_at"] = comment.UpdatedAt.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture),
        ["author_association"] = "MEMBER",
        ["body"] = comment.Body,
        ["performed_via_github_app"] = null,
    };

    private static (string Repository, int Number) IssuePath(string path)
    {
        var match = IssuePathPattern().Match(path);
        return (match.Groups[1].Value, int.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static (string Repository, long Id) CommentPath(string path)
    {
        var match = CommentPathPattern().Match(path);
        return (match.Groups[1].Value, long.Parse(match.Groups[2].Value, CultureInfo.InvariantCulture));
    }

    private static (string Owner, string Name) Split(string repository) => (repository.Split('/')[0], repository.Split('/')[1]);

    private static ResponseMessage NotFound() =>
        Json(404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}""");

    private static ResponseMessage Json(int status, string body, params (string Name, string Value)[] headers)
    {
        var message = new ResponseMessage
        {
            StatusCode = status,
            BodyData = new BodyData { BodyAsString = body, DetectedBodyType = BodyType.String, Encoding = Encoding.UTF8 },
            Headers = new Dictionary<string, WireMockList<string>>
            {
                ["Content-Type"] = new("application/json; charset=utf-8"),
                ["X-GitHub-Api-Version-Selected"] = new("2022-11-28"),
                ["X-RateLimit-Limit"] = new("5000"),
                ["X-RateLimit-Remaining"] = new("4990"),
                ["X-RateLimit-Used"] = new("10"),
                ["X-RateLimit-Reset"] = new(DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture)),
                ["X-RateLimit-Resource"] = new("core"),
            },
        };
        foreach (var (name, value) in headers)
        {
            message.Headers[name] = new WireMockList<string>(value);
        }

        return message;
    }

    [GeneratedRegex(@"^/repos/([^/]+/[^/]+)/issues/(\d+)$")]
    private static partial Regex IssuePathPattern();

    [GeneratedRegex(@"^/repos/([^/]+/[^/]+)/issues/comments/(\d+)$")]
    private static partial Regex CommentPathPattern();
}

public sealed class GitHubIssue(string repository, int number, int? parent, string title, bool pullRequest)
{
    public string Repository { get; } = repository;
    public int Number { get; } = number;
    public int? Parent { get; } = parent;
    public string Title { get; } = title;
    public bool PullRequest { get; } = pullRequest;
    public string State { get; set; } = "open";
    public string? StateReason { get; set; }
}

public sealed class GitHubComment(long id, string repository, int issueNumber)
{
    public long Id { get; } = id;
    public string Repository { get; } = repository;
    public int IssueNumber { get; } = issueNumber;
    public string Body { get; set; } = "";
    public DateTimeOffset CreatedAt { get; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
}
