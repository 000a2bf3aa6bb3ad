using System.Net;
using System.Text.Json.Nodes;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Practice.Tests.Support;

/// <summary>
/// Jira Cloud (REST v3) on a local WireMock server for reminder comments: an epic to link, its comments (empty, or
/// holding a comment with a reminder marker), and the add-comment answer. Bodies follow Atlassian's REST reference
/// (IssueBean, PageOfComments, PageBeanComment, Comment). Strict: disposing fails the test on an unmatched request.
/// </summary>
public sealed class JiraCloud : IDisposable
{
    public const string Credentials = "okr-bot@example.com:jira-api-token-do-not-leak";

    private readonly WireMockServer _server = WireMockServer.Start();

    public string Url => _server.Url!;

    public static string CommentsPath(string key) => $"/rest/api/3/issue/{key}/comment";

    /// <summary>GET /rest/api/3/issue/{key}: an epic, for link creation.</summary>
    public JiraCloud Epic(string key, string summary = "Checkout revamp")
    {
        var issue = new JsonObject
        {
            ["id"] = "10001",
            ["key"] = key,
            ["fields"] = new JsonObject
            {
                ["summary"] = summary,
                ["issuetype"] = new JsonObject { ["id"] = "10000", ["name"] = "Epic", ["subtask"] = false, ["hierarchyLevel"] = 1 },
            },
        };
        Json(Request.Create().UsingGet().WithPath($"/rest/api/3/issue/{key}"), issue.ToJsonString());
        return this;
    }

    /// <summary>GET comments answers an empty page; POST comment answers <paramref name="status"/> (201 with the new comment).</summary>
    public JiraCloud Comments(string key, int status = 201)
    {
        Json(Request.Create().UsingGet().WithPath(CommentsPath(key)), """{"startAt":0,"maxResults":100,"total":0,"comments":[]}""");
        var created = status == 201
            ? """{"id":"10100","author":{"accountId":"712020:bot","displayName":"OKR Bot"},"body":{"type":"doc","version":1,"content":[]},"created":"2026-11-03T10:00:00.000+0000"}"""
            : """{"errorMessages":["Internal server error"],"errors":{}}""";
        Json(Request.Create().UsingPost().WithPath(CommentsPath(key)), created, status);
        return this;
    }

    /// <summary>The epic already holds comment 10011 carrying the reminder property with <paramref name="marker"/> (posted before a crash).</summary>
    public JiraCloud CommentWithMarker(string key, string marker)
    {
        Json(Request.Create().UsingGet().WithPath(CommentsPath(key)), """
            {"startAt":0,"maxResults":100,"total":1,"comments":[{"id":"10011","author":{"accountId":"712020:bot","displayName":"OKR Bot"},"body":{"type":"doc","version":1,"content":[]}}]}
            """);
        var page = new JsonObject
        {
            ["startAt"] = 0,
            ["maxResults"] = 1000,
            ["total"] = 1,
            ["isLast"] = true,
            ["values"] = new JsonArray(new JsonObject
            {
                ["id"] = "10011",
                ["author"] = new JsonObject { ["accountId"] = "712020:bot", ["displayName"] = "OKR Bot" },
                ["body"] = new JsonObject { ["type"] = "doc", ["version"] = 1, ["content"] = new JsonArray() },
                ["properties"] = new JsonArray(new JsonObject { ["key"] = "okrconnect.reminder", ["value"] = new JsonObject { ["marker"] = marker } }),
            }),
        };
        Json(Request.Create().UsingPost().WithPath("/rest/api/3/comment/list").WithParam("expand", "properties"), page.ToJsonString());
        return this;
    }

    public void Reset() => _server.ResetMappings();

    public IReadOnlyList<ILogEntry> Posted(string key) =>
        _server.LogEntries.Where(e => e.RequestMessage.Method == "POST" && e.RequestMessage.Path == CommentsPath(key)).ToList();

    public JsonNode PostedBody(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body!)!;

    /// <summary>Creates a Jira Cloud connector pointing here (needs an admin client).</summary>
    public async Task<Guid> ConnectorAsync(HttpClient admin) =>
        (await (await admin.PostJsonAsync("/api/connectors", new
        {
            kind = "jira",
            name = $"jira-{Guid.NewGuid():N}",
            baseUrl = Url,
            options = new { deployment = "cloud" },
            credentials = Credentials,
        })).ReadAsync(HttpStatusCode.Created)).Id();

    public void Dispose()
    {
        var unmatched = _server.LogEntries
            .Where(e => e.MappingGuid is null || e.MappingGuid == Guid.Empty)
            .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")
            .ToList();
        _server.Stop();
        _server.Dispose();
        Assert.True(unmatched.Count == 0, "Requests no Jira stub expected: " + string.Join("\n", unmatched));
    }

    private void Json(IRequestBuilder request, string body, int status = 200) =>
        _server.Given(request).RespondWith(Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body));
}
