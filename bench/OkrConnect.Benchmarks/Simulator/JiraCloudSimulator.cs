using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace OkrConnect.Benchmarks.Simulator;

/// <summary>
/// Jira Cloud REST v3 as the connector uses it: enhanced search (<c>POST /rest/api/3/search/jql</c> with
/// <c>nextPageToken</c>/<c>isLast</c>, at most <see cref="PageCap"/> issues a page, only the requested fields),
/// issues, comments with properties, <c>/myself</c>, <c>/serverInfo</c>, <c>/field</c>. Answers are the fixtures of
/// tests/OkrConnect.Connectors.Jira.Tests/Fixtures/cloud with the simulated work spliced in.
/// </summary>
public sealed partial class JiraCloudSimulator
{
    private const string MarkerProperty = "okrconnect";
    private static readonly string[] PointFields = ["customfield_10028", "customfield_10016"];

    private readonly SimulatedWork _work;
    private readonly string _myself;
    private readonly string _serverInfo;
    private readonly string _fields;
    private readonly JsonNode _issueFixture;
    private readonly JsonNode _epicFixture;
    private readonly JsonNode _commentFixture;
    private readonly JsonNode _commentsPageFixture;
    private readonly JsonNode _commentListFixture;
    private readonly JsonNode _webhookFixture;
    private readonly string[] _statusJson = new string[3];
    private readonly string _resolutionDone;
    private readonly Dictionary<string, JsonTemplate> _issueTemplates = new(StringComparer.Ordinal);
    private readonly Lock _templates = new();

    public JiraCloudSimulator(SimulatedWork work, int pageCap)
    {
        _work = work;
        PageCap = pageCap;

        var myself = Fixtures.Json("jira/myself.json");
        // The simulator reads "updated >= …" in UTC; the connector writes the watermark in the zone /myself names.
        myself["timeZone"] = "Etc/UTC";
        _myself = myself.ToJsonString();
        _serverInfo = Fixtures.Json("jira/serverInfo.json").ToJsonString();
        _fields = Fixtures.Json("jira/fields.company-managed.json").ToJsonString();
        _issueFixture = Fixtures.Json("jira/search-jql.page1.json")["issues"]![0]!;
        _epicFixture = Fixtures.Json("jira/issue.epic.json");
        _commentFixture = Fixtures.Json("jira/comment.created.json");
        _commentsPageFixture = Fixtures.Json("jira/comments.empty.json");
        _commentListFixture = Fixtures.Json("jira/comment-list.with-marker.json");
        _webhookFixture = Fixtures.Json("jira/cloud-issue-updated-parent.json");

        var status = _issueFixture["fields"]!["status"]!;
        foreach (var (category, name, id, color, categoryName) in new[]
        {
            (0, "To Do", 2, "blue-gray", "To Do"),
            (1, "In Progress", 4, "yellow", "In Progress"),
            (2, "Done", 3, "green", "Done"),
        })
        {
            var variant = status.DeepClone();
            variant["name"] = name;
            variant["statusCategory"]!["id"] = id;
            variant["statusCategory"]!["key"] = category switch { 0 => "new", 1 => "indeterminate", _ => "done" };
            variant["statusCategory"]!["colorName"] = color;
            variant["statusCategory"]!["name"] = categoryName;
            _statusJson[category] = variant.ToJsonString();
        }

        _resolutionDone = _issueFixture["fields"]!["resolution"]!.ToJsonString();
    }

    public int PageCap { get; }

    public const string WebhookSecret = "bench-jira-webhook-secret";

    public async Task HandleAsync(HttpContext http, SimulatedSite site, string baseUrl, string path)
    {
        var method = http.Request.Method;
        var parts = path.Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length < 4 || parts[0] != "rest" || parts[1] != "api" || parts[2] != "3")
        {
            await NotFound(http, site, "no such Jira REST resource");
            return;
        }

        var route = parts[3..];
        switch (method, route)
        {
            case ("GET", ["myself"]):
                site.Count(Endpoints.JiraMyself);
                await Json(http, 200, _myself);
                return;
            case ("GET", ["serverInfo"]):
                site.Count(Endpoints.JiraServerInfo);
                await Json(http, 200, _serverInfo);
                return;
            case ("GET", ["field"]):
                site.Count(Endpoints.JiraFields);
                await Json(http, 200, _fields);
                return;
            case ("POST", ["search", "jql"]):
                site.Count(Endpoints.JiraSearch);
                await SearchAsync(http, baseUrl);
                return;
            case ("GET", ["issue", var key]):
                site.Count(Endpoints.JiraIssue);
                await GetIssueAsync(http, baseUrl, key);
                return;
            case ("GET", ["issue", var key, "comment"]):
                site.Count(Endpoints.JiraComments);
                await ListCommentsAsync(http, site, baseUrl, key);
                return;
            case ("POST", ["issue", var key, "comment"]):
                site.Count(Endpoints.AddComment);
                await AddCommentAsync(http, site, baseUrl, key);
                return;
            case ("PUT", ["issue", var key, "comment", var id]):
                site.Count(Endpoints.EditComment);
                await EditCommentAsync(http, site, baseUrl, key, id);
                return;
            case ("POST", ["comment", "list"]):
                site.Count(Endpoints.JiraCommentList);
                await CommentsByIdsAsync(http, site, baseUrl);
                return;
            case ("GET", ["comment", var id, "properties", var key]):
                site.Count(Endpoints.JiraCommentProperty);
                await CommentPropertyAsync(http, site, id, key);
                return;
            default:
                await NotFound(http, site, $"no simulated route for {method} {path}");
                return;
        }
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
    private async Task SearchAsync(HttpContext http, string baseUrl)
    {
        var request = JsonNode.Parse(await ReadBodyAsync(http))!;
        var jql = request["jql"]?.GetValue<string>() ?? string.Empty;
        var token = request["nextPageToken"]?.GetValue<string>();
        var maxResults = request["maxResults"]?.GetValue<int>() ?? 50;
        var fields = request["fields"]?.AsArray().Select(f => f!.GetValue<string>()).ToList() ?? ["id"];

        var epics = new List<int>();
        if (ParentIn().Match(jql) is { Success: true } list)
        {
            foreach (var key in list.Groups[1].Value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                epics.Add(_work.EpicOf(key.Trim('"')));
            }
        }
        else if (ParentEquals().Match(jql) is { Success: true } one)
        {
            epics.Add(_work.EpicOf(one.Groups[1].Value));
        }
        else
        {
            await JiraError(http, 400, $"the simulator answers parent searches only, not: {jql}");
            return;
        }

        if (epics.Contains(-1))
        {
            // Jira refuses the whole query when one key in "parent in (…)" does not exist.
            await JiraError(http, 400, "The value does not exist for the field 'parent'.");
            return;
        }

        long? since = null;
        if (UpdatedSince().Match(jql) is { Success: true } updated)
        {
            since = new DateTimeOffset(
                DateTime.ParseExact(updated.Groups[1].Value, "yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture), TimeSpan.Zero).ToUnixTimeMilliseconds();
        }

        var offset = token is null ? 0 : int.Parse(token.AsSpan(1), CultureInfo.InvariantCulture);
        var pageSize = Math.Clamp(maxResults, 1, PageCap);
        var template = IssueTemplate(fields);
        var body = new StringBuilder(1024 + pageSize * 2400);
        body.Append("{\"issues\":[");
        var index = 0;
        var written = 0;
        var more = false;
        foreach (var epic in epics.Distinct().Order())
        {
            for (var k = epic * _work.IssuesPerEpic; k < (epic + 1) * _work.IssuesPerEpic; k++)
            {
                if (since is { } from && _work.JiraUpdated(k).ToUnixTimeMilliseconds() < from)
                {
                    continue;
                }

                if (index++ < offset)
                {
                    continue;
                }

                if (written == pageSize)
                {
                    more = true;
                    break;
                }

                if (written++ > 0)
                {
                    body.Append(',');
                }

                RenderIssue(body, template, baseUrl, k);
            }

            if (more)
            {
                break;
            }
        }

        body.Append(']');
        if (more)
        {
            body.Append(",\"nextPageToken\":\"o").Append((offset + written).ToString(CultureInfo.InvariantCulture)).Append('"');
        }

        body.Append(",\"isLast\":").Append(more ? "false" : "true").Append('}');
        await Json(http, 200, body.ToString());
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
    private async Task GetIssueAsync(HttpContext http, string baseUrl, string key)
    {
        var epic = _work.EpicOf(key);
        var issue = _work.IssueOf(key);
        if (epic >= 0)
        {
            var node = _epicFixture.DeepClone();
            node["id"] = SimulatedWork.EpicId(epic).ToString(CultureInfo.InvariantCulture);
            node["key"] = _work.EpicKey(epic);
            node["self"] = $"{baseUrl}/rest/api/3/issue/{SimulatedWork.EpicId(epic)}";
            node["fields"]!["summary"] = $"Epic {epic + 1}";
            await Json(http, 200, node.ToJsonString());
        }
        else if (issue >= 0)
        {
            var text = new StringBuilder();
            RenderIssue(text, IssueTemplate(["summary", "status", "resolution", "issuetype", "parent", "updated"]), baseUrl, issue);
            await Json(http, 200, text.ToString());
        }
        else
        {
            await JiraError(http, 404, "Issue does not exist or you do not have permission to see it.");
        }
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
    private async Task ListCommentsAsync(HttpContext http, SimulatedSite site, string baseUrl, string key)
    {
        if (_work.EpicOf(key) < 0 && _work.IssueOf(key) < 0)
        {
            await JiraError(http, 404, "Issue does not exist or you do not have permission to see it.");
            return;
        }

        var startAt = int.TryParse(http.Request.Query["startAt"], CultureInfo.InvariantCulture, out var s) ? s : 0;
        var maxResults = int.TryParse(http.Request.Query["maxResults"], CultureInfo.InvariantCulture, out var m) ? Math.Clamp(m, 1, 100) : 50;
        var all = site.CommentsOn(key);
        var page = _commentsPageFixture.DeepClone();
        page["startAt"] = startAt;
        page["maxResults"] = maxResults;
        page["total"] = all.Count;
        page["comments"] = new JsonArray(all.Skip(startAt).Take(maxResults).Select(c => CommentNode(site, c, baseUrl, withProperties: false)).ToArray());
        await Json(http, 200, page.ToJsonString());
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-comment-list-post
    private async Task CommentsByIdsAsync(HttpContext http, SimulatedSite site, string baseUrl)
    {
        var ids = JsonNode.Parse(await ReadBodyAsync(http))!["ids"]!.AsArray().Select(n => n!.GetValue<long>()).ToList();
        var found = ids.Select(site.Comment).OfType<SimulatedComment>().ToList();
        var page = _commentListFixture.DeepClone();
        page["total"] = found.Count;
        page["maxResults"] = 1000;
        page["values"] = new JsonArray(found.Select(c => CommentNode(site, c, baseUrl, withProperties: true)).ToArray());
        await Json(http, 200, page.ToJsonString());
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
    private async Task AddCommentAsync(HttpContext http, SimulatedSite site, string baseUrl, string key)
    {
        if (_work.EpicOf(key) < 0 && _work.IssueOf(key) < 0)
        {
            await JiraError(http, 404, "Issue does not exist or you do not have permission to see it.");
            return;
        }

        var write = JsonNode.Parse(await ReadBodyAsync(http))!;
        var properties = Properties(write);
        var comment = site.AddComment(key, write["body"]?.ToJsonString() ?? "null", MarkerOf(properties), properties);
        await Json(http, 201, CommentNode(site, comment, baseUrl, withProperties: false).ToJsonString());
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-put
    private async Task EditCommentAsync(HttpContext http, SimulatedSite site, string baseUrl, string key, string id)
    {
        var write = JsonNode.Parse(await ReadBodyAsync(http))!;
        var comment = long.TryParse(id, CultureInfo.InvariantCulture, out var commentId) ? site.Comment(commentId) : null;
        if (comment is null || !string.Equals(comment.IssueKey, key, StringComparison.OrdinalIgnoreCase))
        {
            await JiraError(http, 404, "Can not find a comment for the id.");
            return;
        }

        lock (site.Gate)
        {
            comment.BodyJson = write["body"]?.ToJsonString() ?? comment.BodyJson;
            foreach (var (name, value) in Properties(write))
            {
                comment.Properties[name] = value;
            }

            comment.Updated = DateTimeOffset.UtcNow;
            comment.Version++;
        }

        site.Edited(comment);
        await Json(http, 200, CommentNode(site, comment, baseUrl, withProperties: false).ToJsonString());
    }

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comment-properties/#api-rest-api-3-comment-commentid-properties-propertykey-get
    private static async Task CommentPropertyAsync(HttpContext http, SimulatedSite site, string id, string key)
    {
        var comment = long.TryParse(id, CultureInfo.InvariantCulture, out var commentId) ? site.Comment(commentId) : null;
        string? value = null;
        if (comment is not null)
        {
            lock (site.Gate)
            {
                value = comment.Properties.GetValueOrDefault(key);
            }
        }

        if (value is null)
        {
            await JiraError(http, 404, "The property with the specified key does not exist.");
            return;
        }

        await Json(http, 200, $"{{\"key\":{JsonTemplate.Str(key)},\"value\":{value}}}");
    }

    /// <summary>A signed <c>jira:issue_updated</c> delivery for a child's current state, shaped like the connector's webhook fixture.</summary>
    public (byte[] Body, Dictionary<string, string> Headers) IssueUpdatedWebhook(string baseUrl, int issue, string deliveryId)
    {
        var body = _webhookFixture.DeepClone();
        body["timestamp"] = DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();
        var text = new StringBuilder();
        RenderIssue(text, IssueTemplate(["summary", "status", "resolution", "issuetype", "parent", "updated", "customfield_10028"]), baseUrl, issue);
        body["issue"] = JsonNode.Parse(text.ToString());
        var done = _work.JiraCategory(issue) == 2;
        body["changelog"] = new JsonObject
        {
            ["id"] = "10400",
            ["items"] = new JsonArray(new JsonObject
            {
                ["field"] = "status",
                ["fieldtype"] = "jira",
                ["fieldId"] = "status",
                ["from"] = done ? "10000" : "10001",
                ["fromString"] = done ? "To Do" : "Done",
                ["to"] = done ? "10001" : "10000",
                ["toString"] = done ? "Done" : "To Do",
            }),
        };
        var bytes = Encoding.UTF8.GetBytes(body.ToJsonString());
        var signature = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(WebhookSecret), bytes));
        return (bytes, new Dictionary<string, string>
        {
            ["X-Hub-Signature"] = "sha256=" + signature,
            ["X-Atlassian-Webhook-Identifier"] = deliveryId,
        });
    }

    private JsonTemplate IssueTemplate(IReadOnlyList<string> fields)
    {
        var cacheKey = string.Join(',', fields);
        lock (_templates)
        {
            if (_issueTemplates.TryGetValue(cacheKey, out var cached))
            {
                return cached;
            }
        }

        var node = _issueFixture.DeepClone().AsObject();
        node["id"] = JsonTemplate.Hole("id");
        node["self"] = JsonTemplate.Hole("self");
        node["key"] = JsonTemplate.Hole("key");
        var all = node["fields"]!.AsObject();
        var requested = new JsonObject();
        foreach (var field in fields)
        {
            switch (field)
            {
                case "summary":
                    requested["summary"] = JsonTemplate.Hole("summary");
                    break;
                case "status":
                    requested["status"] = JsonTemplate.Hole("status");
                    break;
                case "resolution":
                    requested["resolution"] = JsonTemplate.Hole("resolution");
                    break;
                case "updated":
                    requested["updated"] = JsonTemplate.Hole("updated");
                    break;
                case "parent":
                    var parent = all["parent"]!.DeepClone();
                    parent["id"] = JsonTemplate.Hole("parentId");
                    parent["key"] = JsonTemplate.Hole("parentKey");
                    parent["self"] = JsonTemplate.Hole("parentSelf");
                    parent["fields"]!["summary"] = JsonTemplate.Hole("parentSummary");
                    requested["parent"] = parent;
                    break;
                case var points when PointFields.Contains(points):
                    requested[points] = JsonTemplate.Hole("points");
                    break;
                case var other when all[other] is { } value:
                    requested[other] = value.DeepClone();
                    break;
            }
        }

        node["fields"] = requested;
        var template = JsonTemplate.From(node);
        lock (_templates)
        {
            _issueTemplates[cacheKey] = template;
        }

        return template;
    }

    private void RenderIssue(StringBuilder into, JsonTemplate template, string baseUrl, int issue)
    {
        var epic = issue / _work.IssuesPerEpic;
        var category = _work.JiraCategory(issue);
        template.Render(into, hole => hole switch
        {
            "id" => "\"" + SimulatedWork.IssueId(issue).ToString(CultureInfo.InvariantCulture) + "\"",
            "self" => JsonTemplate.Str($"{baseUrl}/rest/api/3/issue/{SimulatedWork.IssueId(issue)}"),
            "key" => "\"" + _work.IssueKey(issue) + "\"",
            "summary" => JsonTemplate.Str($"Work item {issue + 1}"),
            "status" => _statusJson[category],
            "resolution" => category == 2 ? _resolutionDone : "null",
            "updated" => "\"" + _work.JiraUpdated(issue).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff", CultureInfo.InvariantCulture) + "+0000\"",
            "parentId" => "\"" + SimulatedWork.EpicId(epic).ToString(CultureInfo.InvariantCulture) + "\"",
            "parentKey" => "\"" + _work.EpicKey(epic) + "\"",
            "parentSelf" => JsonTemplate.Str($"{baseUrl}/rest/api/3/issue/{SimulatedWork.EpicId(epic)}"),
            "parentSummary" => JsonTemplate.Str($"Epic {epic + 1}"),
            "points" => SimulatedWork.Points(issue) is { } p ? p.ToString(CultureInfo.InvariantCulture) : "null",
            _ => "null",
        });
    }

    private JsonNode CommentNode(SimulatedSite site, SimulatedComment comment, string baseUrl, bool withProperties)
    {
        var node = _commentFixture.DeepClone();
        lock (site.Gate)
        {
            node["id"] = comment.Id.ToString(CultureInfo.InvariantCulture);
            node["self"] = $"{baseUrl}/rest/api/3/issue/{comment.IssueKey}/comment/{comment.Id}";
            node["body"] = JsonNode.Parse(comment.BodyJson);
            node["created"] = comment.Created.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
            node["updated"] = comment.Updated.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'+0000'", CultureInfo.InvariantCulture);
            if (withProperties)
            {
                node["properties"] = new JsonArray(comment.Properties
                    .Select(p => (JsonNode)new JsonObject { ["key"] = p.Key, ["value"] = JsonNode.Parse(p.Value) })
                    .ToArray());
            }
        }

        return node;
    }

    private static List<KeyValuePair<string, string>> Properties(JsonNode write) =>
        (write["properties"]?.AsArray() ?? [])
            .Select(p => new KeyValuePair<string, string>(p!["key"]!.GetValue<string>(), p["value"]?.ToJsonString() ?? "null"))
            .ToList();

    private static string MarkerOf(List<KeyValuePair<string, string>> properties)
    {
        var marker = properties.FirstOrDefault(p => p.Key == MarkerProperty).Value;
        return marker is not null && JsonNode.Parse(marker)?["keyResultId"]?.GetValue<string>() is { } id ? id : "none";
    }

    private static async Task<string> ReadBodyAsync(HttpContext http)
    {
        using var reader = new StreamReader(http.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(http.RequestAborted);
    }

    private static Task JiraError(HttpContext http, int status, string message) =>
        Json(http, status, $"{{\"errorMessages\":[{JsonTemplate.Str(message)}],\"errors\":{{}}}}");

    private static Task NotFound(HttpContext http, SimulatedSite site, string message)
    {
        site.Count(Endpoints.Unknown);
        return JiraError(http, 404, message);
    }

    private static Task Json(HttpContext http, int status, string body)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = "application/json;charset=UTF-8";
        return http.Response.WriteAsync(body, http.RequestAborted);
    }

    [GeneratedRegex(@"parent\s+in\s*\(([^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex ParentIn();

    [GeneratedRegex(@"parent\s*=\s*""?([A-Za-z][A-Za-z0-9]*-\d+)""?", RegexOptions.IgnoreCase)]
    private static partial Regex ParentEquals();

    [GeneratedRegex(@"updated\s*>=\s*""(\d{4}-\d{2}-\d{2} \d{2}:\d{2})""", RegexOptions.IgnoreCase)]
    private static partial Regex UpdatedSince();
}
