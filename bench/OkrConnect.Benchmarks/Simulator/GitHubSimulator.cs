using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OkrConnect.Benchmarks.Simulator;

/// <summary>
/// GitHub REST v3 as the connector uses it: <c>/user</c>, issues, sub-issues (<c>per_page</c> ≤ 100, default 30,
/// <c>Link</c> paging), issue comments; every GET carries an ETag and answers 304 to a matching <c>If-None-Match</c>
/// (free of rate limit, as on GitHub); every answer carries <c>X-RateLimit-*</c>. Issue objects are the recorded issue of
/// tests/OkrConnect.Connectors.GitHub.Tests/Fixtures/github/paginate-issues.raw-fixture.json with the work spliced in.
/// </summary>
public sealed partial class GitHubSimulator
{
    public const string BotLogin = "okr-bench-bot";
    public const string WebhookSecret = "bench-github-webhook-secret";

    private readonly SimulatedWork _work;
    private readonly int _rateLimit;
    private readonly long _rateLimitReset;
    private readonly JsonTemplate _issueTemplate;
    private readonly JsonNode _user;
    private readonly JsonNode? _webhookFixture;

    public GitHubSimulator(SimulatedWork work, int rateLimit)
    {
        _work = work;
        _rateLimit = rateLimit;
        _rateLimitReset = DateTimeOffset.UtcNow.AddHours(1).ToUnixTimeSeconds();

        var recording = Fixtures.Json("github/paginate-issues.raw-fixture.json").AsArray();
        var issue = recording.First(i => i!["method"]!.GetValue<string>() == "get" && i["response"] is JsonArray { Count: > 0 })!["response"]![0]!.DeepClone().AsObject();
        _user = issue["user"]!.DeepClone();
        _user["login"] = BotLogin;

        foreach (var hole in new[] { "url", "repository_url", "labels_url", "comments_url", "events_url", "html_url", "timeline_url", "id", "node_id", "number", "title", "labels", "state", "state_reason", "created_at", "updated_at", "closed_at" })
        {
            issue[hole] = JsonTemplate.Hole(hole);
        }

        if (issue["reactions"] is JsonObject reactions)
        {
            reactions["url"] = JsonTemplate.Hole("reactions_url");
        }

        _issueTemplate = JsonTemplate.From(issue);
        _webhookFixture = Fixtures.Exists("github/issues.reopened.payload.json") ? Fixtures.Json("github/issues.reopened.payload.json") : null;
    }

    public async Task HandleAsync(HttpContext http, SimulatedSite site, string baseUrl, string path)
    {
        var method = http.Request.Method;
        var route = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        switch (method, route)
        {
            case ("GET", ["user"]):
                await AnswerAsync(http, site, Endpoints.GitHubUser, "\"user\"", () => _user.ToJsonString());
                return;
            case ("GET", ["rate_limit"]):
                site.Count(Endpoints.GitHubRateLimit);
                await JsonAsync(http, site, 200, $"{{\"resources\":{{\"core\":{{\"limit\":{_rateLimit},\"remaining\":{Remaining(site)},\"reset\":{_rateLimitReset},\"used\":{site.RateLimitUsed}}}}},\"rate\":{{\"limit\":{_rateLimit},\"remaining\":{Remaining(site)},\"reset\":{_rateLimitReset},\"used\":{site.RateLimitUsed}}}}}", charge: false);
                return;
            case ("GET", ["repos", var owner, var repo, "issues", "comments", var id]) when IsOurs(owner, repo):
                await GetCommentAsync(http, site, baseUrl, id);
                return;
            case ("PATCH", ["repos", var owner, var repo, "issues", "comments", var id]) when IsOurs(owner, repo):
                site.Count(Endpoints.EditComment);
                await EditCommentAsync(http, site, baseUrl, id);
                return;
            case ("GET", ["repos", var owner, var repo, "issues", var number]) when IsOurs(owner, repo):
                await GetIssueAsync(http, site, baseUrl, number);
                return;
            case ("GET", ["repos", var owner, var repo, "issues", var number, "sub_issues"]) when IsOurs(owner, repo):
                await SubIssuesAsync(http, site, baseUrl, number);
                return;
            case ("GET", ["repos", var owner, var repo, "issues", var number, "comments"]) when IsOurs(owner, repo):
                site.Count(Endpoints.GitHubComments);
                await ListCommentsAsync(http, site, baseUrl, number);
                return;
            case ("POST", ["repos", var owner, var repo, "issues", var number, "comments"]) when IsOurs(owner, repo):
                site.Count(Endpoints.AddComment);
                await AddCommentAsync(http, site, baseUrl, number);
                return;
            default:
                site.Count(Endpoints.Unknown);
                await JsonAsync(http, site, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest","status":"404"}""");
                return;
        }
    }

    // https://docs.github.com/en/rest/issues/issues#get-an-issue
    private Task GetIssueAsync(HttpContext http, SimulatedSite site, string baseUrl, string numberText)
    {
        var number = int.Parse(numberText, CultureInfo.InvariantCulture);
        var parent = _work.ParentOfNumber(number);
        var sub = _work.SubIssueOfNumber(number);
        if (parent < 0 && sub < 0)
        {
            site.Count(Endpoints.GitHubIssue);
            return JsonAsync(http, site, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/issues#get-an-issue","status":"404"}""");
        }

        var etag = parent >= 0 ? $"\"p{number}\"" : $"\"i{number}-{_work.GitHubUpdated(sub).ToUnixTimeMilliseconds()}\"";
        return AnswerAsync(http, site, Endpoints.GitHubIssue, etag, () =>
        {
            var text = new StringBuilder();
            RenderIssue(text, baseUrl, parent >= 0 ? -1 - parent : sub);
            return text.ToString();
        });
    }

    // https://docs.github.com/en/rest/issues/sub-issues#list-sub-issues
    private Task SubIssuesAsync(HttpContext http, SimulatedSite site, string baseUrl, string numberText)
    {
        var parent = _work.ParentOfNumber(int.Parse(numberText, CultureInfo.InvariantCulture));
        if (parent < 0)
        {
            site.Count(Endpoints.GitHubSubIssues);
            return JsonAsync(http, site, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/sub-issues#list-sub-issues","status":"404"}""");
        }

        var (perPage, page) = Paging(http);
        var total = _work.IssuesPerEpic;
        var last = Math.Max(1, (total + perPage - 1) / perPage);
        var url = $"{baseUrl}/repos/{SimulatedWork.Repository}/issues/{numberText}/sub_issues";
        SetLinks(http, url, perPage, page, last);
        var etag = $"\"s{parent}-{_work.ParentVersion(parent)}-{perPage}-{page}\"";
        return AnswerAsync(http, site, Endpoints.GitHubSubIssues, etag, () =>
        {
            var text = new StringBuilder(perPage * 3000);
            text.Append('[');
            var first = parent * total + (page - 1) * perPage;
            for (var k = first; k < Math.Min(first + perPage, (parent + 1) * total); k++)
            {
                if (k > first)
                {
                    text.Append(',');
                }

                RenderIssue(text, baseUrl, k);
            }

            return text.Append(']').ToString();
        });
    }

    // https://docs.github.com/en/rest/issues/comments#list-issue-comments
    private async Task ListCommentsAsync(HttpContext http, SimulatedSite site, string baseUrl, string numberText)
    {
        var (perPage, page) = Paging(http);
        var all = site.CommentsOn(IssueKey(numberText));
        var last = Math.Max(1, (all.Count + perPage - 1) / perPage);
        SetLinks(http, $"{baseUrl}/repos/{SimulatedWork.Repository}/issues/{numberText}/comments", perPage, page, last);
        var body = "[" + string.Join(",", all.Skip((page - 1) * perPage).Take(perPage).Select(c => CommentJson(site, c, baseUrl))) + "]";
        await JsonAsync(http, site, 200, body);
    }

    // https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
    private async Task AddCommentAsync(HttpContext http, SimulatedSite site, string baseUrl, string numberText)
    {
        var body = JsonNode.Parse(await ReadBodyAsync(http))!["body"]!.GetValue<string>();
        var marker = Marker().Match(body) is { Success: true } m ? m.Groups[1].Value : "none";
        var comment = site.AddComment(IssueKey(numberText), JsonTemplate.Str(body), marker, []);
        await JsonAsync(http, site, 201, CommentJson(site, comment, baseUrl));
    }

    // https://docs.github.com/en/rest/issues/comments#get-an-issue-comment
    private Task GetCommentAsync(HttpContext http, SimulatedSite site, string baseUrl, string idText)
    {
        var comment = long.TryParse(idText, CultureInfo.InvariantCulture, out var id) ? site.Comment(id) : null;
        if (comment is null)
        {
            site.Count(Endpoints.GitHubComment);
            return JsonAsync(http, site, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/comments#get-an-issue-comment","status":"404"}""");
        }

        return AnswerAsync(http, site, Endpoints.GitHubComment, $"\"c{comment.Id}-{comment.Version}\"", () => CommentJson(site, comment, baseUrl));
    }

    // https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
    private async Task EditCommentAsync(HttpContext http, SimulatedSite site, string baseUrl, string idText)
    {
        var body = JsonNode.Parse(await ReadBodyAsync(http))!["body"]!.GetValue<string>();
        var comment = long.TryParse(idText, CultureInfo.InvariantCulture, out var id) ? site.Comment(id) : null;
        if (comment is null)
        {
            await JsonAsync(http, site, 404, """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/comments#update-an-issue-comment","status":"404"}""");
            return;
        }

        lock (site.Gate)
        {
            comment.BodyJson = JsonTemplate.Str(body);
            comment.Updated = DateTimeOffset.UtcNow;
            comment.Version++;
        }

        site.Edited(comment);
        await JsonAsync(http, site, 200, CommentJson(site, comment, baseUrl));
    }

    /// <summary>A signed <c>issues</c> delivery (closed or reopened) for a sub-issue, shaped like the connector's webhook fixture.</summary>
    public (byte[] Body, Dictionary<string, string> Headers) IssueWebhook(string baseUrl, int issue, string deliveryId)
    {
        var body = _webhookFixture?.DeepClone() ?? new JsonObject();
        body["action"] = _work.GitHubClosed(issue) ? "closed" : "reopened";
        var text = new StringBuilder();
        RenderIssue(text, baseUrl, issue);
        body["issue"] = JsonNode.Parse(text.ToString());
        var repository = body["repository"] as JsonObject ?? new JsonObject();
        repository["name"] = SimulatedWork.GitHubRepo;
        repository["full_name"] = SimulatedWork.Repository;
        body["repository"] = repository;
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), bytes));
        return (bytes, new Dictionary<string, string>
        {
            ["X-GitHub-Event"] = "issues",
            ["X-GitHub-Delivery"] = deliveryId,
            ["X-Hub-Signature-256"] = "sha256=" + signature,
        });
    }

    public static string IssueKey(string numberText) => $"{SimulatedWork.Repository}#{numberText}";

    /// <summary>Renders sub-issue <paramref name="issue"/> (≥ 0), or parent −1 − <paramref name="issue"/>.</summary>
    private void RenderIssue(StringBuilder into, string baseUrl, int issue)
    {
        var parent = issue < 0 ? -1 - issue : -1;
        var number = parent >= 0 ? SimulatedWork.ParentNumber(parent) : _work.SubIssueNumber(issue);
        var closed = parent < 0 && _work.GitHubClosed(issue);
        var updated = parent >= 0 ? _work.CreatedAt : _work.GitHubUpdated(issue);
        var api = $"{baseUrl}/repos/{SimulatedWork.Repository}";
        var points = parent >= 0 ? null : SimulatedWork.Points(issue);
        _issueTemplate.Render(into, hole => hole switch
        {
            "url" => JsonTemplate.Str($"{api}/issues/{number}"),
            "repository_url" => JsonTemplate.Str(api),
            "labels_url" => JsonTemplate.Str($"{api}/issues/{number}/labels{{/name}}"),
            "comments_url" => JsonTemplate.Str($"{api}/issues/{number}/comments"),
            "events_url" => JsonTemplate.Str($"{api}/issues/{number}/events"),
            "timeline_url" => JsonTemplate.Str($"{api}/issues/{number}/timeline"),
            "reactions_url" => JsonTemplate.Str($"{api}/issues/{number}/reactions"),
            "html_url" => JsonTemplate.Str($"https://github.com/{SimulatedWork.Repository}/issues/{number}"),
            "id" => (2_000_000_000L + number).ToString(CultureInfo.InvariantCulture),
            "node_id" => JsonTemplate.Str($"I_kwBench{number}"),
            "number" => number.ToString(CultureInfo.InvariantCulture),
            "title" => JsonTemplate.Str(parent >= 0 ? $"Parent {parent + 1}" : $"Work item {issue + 1}"),
            "labels" => points is { } p
                ? $"[{{\"id\":{7000 + (int)p},\"node_id\":\"LA_bench{(int)p}\",\"url\":{JsonTemplate.Str($"{api}/labels/points:{p}")},\"name\":\"points:{p.ToString(CultureInfo.InvariantCulture)}\",\"color\":\"ededed\",\"default\":false,\"description\":null}}]"
                : "[]",
            "state" => closed ? "\"closed\"" : "\"open\"",
            "state_reason" => closed ? "\"completed\"" : "null",
            "created_at" => Timestamp(_work.CreatedAt),
            "updated_at" => Timestamp(updated),
            "closed_at" => closed ? Timestamp(updated) : "null",
            _ => "null",
        });
    }

    private string CommentJson(SimulatedSite site, SimulatedComment comment, string baseUrl)
    {
        string body;
        DateTimeOffset updated;
        lock (site.Gate)
        {
            body = comment.BodyJson;
            updated = comment.Updated;
        }

        var number = comment.IssueKey[(comment.IssueKey.IndexOf('#', StringComparison.Ordinal) + 1)..];
        var api = $"{baseUrl}/repos/{SimulatedWork.Repository}";
        return $"{{\"url\":{JsonTemplate.Str($"{api}/issues/comments/{comment.Id}")},\"html_url\":{JsonTemplate.Str($"https://github.com/{SimulatedWork.Repository}/issues/{number}#issuecomment-{comment.Id}")},"
            + $"\"issue_url\":{JsonTemplate.Str($"{api}/issues/{number}")},\"id\":{comment.Id},\"node_id\":\"IC_bench{comment.Id}\",\"user\":{_user.ToJsonString()},"
            + $"\"created_at\":{Timestamp(comment.Created)},\"updated_at\":{Timestamp(updated)},\"author_association\":\"MEMBER\",\"body\":{body},\"performed_via_github_app\":null}}";
    }

    /// <summary>Counts the call; answers 304 when the client's ETag matches, else 200 with the ETag.</summary>
    private Task AnswerAsync(HttpContext http, SimulatedSite site, string endpoint, string etag, Func<string> body)
    {
        site.Count(endpoint);
        http.Response.Headers.ETag = etag;
        if (string.Equals(http.Request.Headers.IfNoneMatch.ToString().Trim(), etag, StringComparison.Ordinal))
        {
            site.CountNotModified();
            RateLimitHeaders(http, site, charge: false);
            http.Response.StatusCode = 304;
            return Task.CompletedTask;
        }

        return JsonAsync(http, site, 200, body());
    }

    private Task JsonAsync(HttpContext http, SimulatedSite site, int status, string body, bool charge = true)
    {
        RateLimitHeaders(http, site, charge);
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(body, http.RequestAborted);
    }

    // https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#checking-the-status-of-your-rate-limit
    private void RateLimitHeaders(HttpContext http, SimulatedSite site, bool charge)
    {
        var used = charge ? site.UseRateLimit() : site.RateLimitUsed;
        var headers = http.Response.Headers;
        headers["X-RateLimit-Limit"] = _rateLimit.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Remaining"] = Math.Max(0, _rateLimit - used).ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Reset"] = _rateLimitReset.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Used"] = used.ToString(CultureInfo.InvariantCulture);
        headers["X-RateLimit-Resource"] = "core";
    }

    private int Remaining(SimulatedSite site) => Math.Max(0, _rateLimit - site.RateLimitUsed);

    private static (int PerPage, int Page) Paging(HttpContext http)
    {
        var perPage = int.TryParse(http.Request.Query["per_page"], CultureInfo.InvariantCulture, out var p) ? Math.Clamp(p, 1, 100) : 30;
        var page = int.TryParse(http.Request.Query["page"], CultureInfo.InvariantCulture, out var n) ? Math.Max(1, n) : 1;
        return (perPage, page);
    }

    // https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
    private static void SetLinks(HttpContext http, string url, int perPage, int page, int last)
    {
        var links = new List<string>();
        if (page < last)
        {
            links.Add($"<{url}?per_page={perPage}&page={page + 1}>; rel=\"next\"");
            links.Add($"<{url}?per_page={perPage}&page={last}>; rel=\"last\"");
        }

        if (page > 1)
        {
            links.Add($"<{url}?per_page={perPage}&page=1>; rel=\"first\"");
            links.Add($"<{url}?per_page={perPage}&page={page - 1}>; rel=\"prev\"");
        }

        if (links.Count > 0)
        {
            http.Response.Headers["Link"] = string.Join(", ", links);
        }
    }

    private static bool IsOurs(string owner, string repo) => owner == SimulatedWork.GitHubOwner && repo == SimulatedWork.GitHubRepo;

    private static string Timestamp(DateTimeOffset at) => "\"" + at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture) + "\"";

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    [GeneratedRegex(@"okrconnect:kr=([0-9a-fA-F-]{36})")]
    private static partial Regex Marker();
}
