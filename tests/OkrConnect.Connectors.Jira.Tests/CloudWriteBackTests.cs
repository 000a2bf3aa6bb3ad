using System.Text.Json.Nodes;
using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.RequestBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class CloudWriteBackTests : IDisposable
{
    private const string Comments = "/rest/api/3/issue/OKR-1/comment";
    private readonly JiraSite _jira = new();
    private readonly ConnectorSettings _settings;

    public CloudWriteBackTests() =>
        _settings = _jira.Cloud("""{"deployment":"cloud","email":"okr-bot@example.com","writeBackField":"customfield_10100"}""");

    public void Dispose() => _jira.Dispose();

    private static IRequestBuilder ListComments() =>
        Request.Create().WithPath(Comments).UsingGet().WithParam("startAt", "0").WithParam("maxResults", "100");

    /// <summary>
    /// POST /rest/api/3/comment/list?expand=properties answering with comments.two.json's comments, the second (ours,
    /// 10011) carrying the marker property that <paramref name="writeBody"/> (a create or edit we sent) set.
    /// </summary>
    private void ReplyWithMarkedCopy(JsonNode writeBody)
    {
        var list = JsonNode.Parse(Fixture.Text("cloud/comment-list.with-marker.json"))!;
        list["values"]![1]!["properties"] = new JsonArray(new JsonObject
        {
            ["key"] = "okrconnect",
            ["value"] = writeBody["properties"]![0]!["value"]!.DeepClone(),
        });
        _jira.ReplyJson(Request.Create().WithPath("/rest/api/3/comment/list").UsingPost().WithParam("expand", "properties"), list.ToJsonString());
    }

    [Fact]
    public async Task Creates_then_edits_then_leaves_an_unchanged_comment_alone()
    {
        // 1. No comment yet: look for ours, find none, create it with its marker property in the same call.
        _jira.Reply(ListComments(), "cloud/comments.empty.json");
        _jira.Reply(Request.Create().WithPath(Comments).UsingPost(), "cloud/comment.created.json", status: 201);

        var created = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content(0.6)), default);

        Assert.Equal(new WriteBackResult("10100", 2, true), created);
        var post = JiraSite.BodyOf(Assert.Single(_jira.Requests("POST", Comments)));
        Assert.Equal("doc", post["body"]!["type"]!.GetValue<string>());
        Assert.Equal("panel", post["body"]!["content"]![0]!["type"]!.GetValue<string>());
        var marker = post["properties"]![0]!;
        Assert.Equal("okrconnect", marker["key"]!.GetValue<string>());
        Assert.Equal(Samples.KeyResultId.ToString(), marker["value"]!["keyResultId"]!.GetValue<string>());
        Assert.Matches("^[0-9a-f]{64}$", marker["value"]!["contentHash"]!.GetValue<string>());

        // 2. Progress moved (the engine only asks then): the known comment is edited directly, one call, no read first;
        //    the edit carries the marker again with the new hash.
        _jira.Server.ResetMappings();
        _jira.Reply(Request.Create().WithPath($"{Comments}/10100").UsingPut(), "cloud/comment.created.json");
        var callsBefore = _jira.Server.LogEntries.Count;

        var edited = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content(0.8), "10100"), default);

        Assert.Equal(new WriteBackResult("10100", 1, true), edited);
        Assert.Equal(callsBefore + 1, _jira.Server.LogEntries.Count);
        var put = JiraSite.BodyOf(Assert.Single(_jira.Requests("PUT", $"{Comments}/10100")));
        Assert.Contains("80%", put["body"]!.ToJsonString(), StringComparison.Ordinal);
        Assert.Equal("okrconnect", put["properties"]![0]!["key"]!.GetValue<string>());
        Assert.Equal(Samples.KeyResultId.ToString(), put["properties"]![0]!["value"]!["keyResultId"]!.GetValue<string>());
        Assert.NotEqual(marker["value"]!["contentHash"]!.GetValue<string>(), put["properties"]![0]!["value"]!["contentHash"]!.GetValue<string>());

        // 3. Same content again, the comment found by its marker (its id was never stored): only the reads, no write.
        _jira.Server.ResetMappings();
        _jira.Reply(ListComments(), "cloud/comments.two.json");
        ReplyWithMarkedCopy(put);

        var unchanged = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content(0.8)), default);

        Assert.Equal(new WriteBackResult("10011", 2, false), unchanged);
        Assert.Single(_jira.Requests("PUT", $"{Comments}/10100"));
        Assert.Empty(_jira.Requests("PUT", $"{Comments}/10011"));
        Assert.Single(_jira.Requests("POST", Comments));
    }

    [Fact]
    public async Task Recreates_the_comment_when_the_known_one_was_deleted()
    {
        // Jira answers the edit of a deleted comment with 404: look for a copy by marker (none), then create it.
        _jira.Reply(Request.Create().WithPath($"{Comments}/10099").UsingPut(), "cloud/error.comment-not-found.json", status: 404);
        _jira.Reply(ListComments(), "cloud/comments.empty.json");
        _jira.Reply(Request.Create().WithPath(Comments).UsingPost(), "cloud/comment.created.json", status: 201);

        var result = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content(), "10099"), default);

        Assert.Equal(new WriteBackResult("10100", 3, true), result);
        Assert.Equal(
            ["PUT " + $"{Comments}/10099", "GET " + Comments, "POST " + Comments],
            _jira.Server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Path}"));
        Assert.DoesNotContain(_jira.Server.LogEntries, e => e.RequestMessage.Path.Contains("/properties/", StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_404_on_the_edit_finds_a_marked_copy_and_edits_it_instead_of_creating_a_second_comment()
    {
        // The remembered id is gone, but our comment exists under another id (e.g. the stored id predates a restore):
        // the marker search finds it and it is edited; nothing is posted.
        _jira.Reply(Request.Create().WithPath($"{Comments}/10099").UsingPut(), "cloud/error.comment-not-found.json", status: 404);
        _jira.Reply(ListComments(), "cloud/comments.two.json");
        _jira.Reply(
            Request.Create().WithPath("/rest/api/3/comment/list").UsingPost().WithParam("expand", "properties"),
            "cloud/comment-list.with-marker.json");
        _jira.Reply(Request.Create().WithPath($"{Comments}/10011").UsingPut(), "cloud/comment.created.json");

        var result = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content(), "10099"), default);

        Assert.Equal(new WriteBackResult("10011", 4, true), result);
        Assert.Empty(_jira.Requests("POST", Comments));
        Assert.Single(_jira.Requests("PUT", $"{Comments}/10099"));
        Assert.Single(_jira.Requests("PUT", $"{Comments}/10011"));
    }

    [Fact]
    public async Task A_remembered_id_that_is_not_a_comment_id_is_never_edited()
    {
        // Field and property write-backs store a field id or a property key; switched to comments, the link's stored id
        // is not a comment of ours: it is looked up by marker instead of being sent as a comment id.
        _jira.Reply(ListComments(), "cloud/comments.empty.json");
        _jira.Reply(Request.Create().WithPath(Comments).UsingPost(), "cloud/comment.created.json", status: 201);

        var result = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content(), "customfield_10100"), default);

        Assert.Equal(new WriteBackResult("10100", 2, true), result);
        Assert.DoesNotContain(_jira.Server.LogEntries, e => e.RequestMessage.Method == "PUT");
    }

    [Fact]
    public async Task Finds_its_comment_by_marker_after_a_crash_and_edits_instead_of_duplicating()
    {
        _jira.Reply(ListComments(), "cloud/comments.two.json");
        _jira.Reply(
            Request.Create().WithPath("/rest/api/3/comment/list").UsingPost().WithParam("expand", "properties"),
            "cloud/comment-list.with-marker.json");
        _jira.Reply(Request.Create().WithPath($"{Comments}/10011").UsingPut(), "cloud/comment.created.json");

        var result = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Comment, Samples.Content()), default);

        Assert.Equal(new WriteBackResult("10011", 3, true), result);
        Assert.Empty(_jira.Requests("POST", Comments));
        var ids = JiraSite.BodyOf(Assert.Single(_jira.Requests("POST", "/rest/api/3/comment/list")))["ids"]!.AsArray().Select(i => i!.GetValue<long>());
        Assert.Equal([10010L, 10011L], ids);
    }

    [Fact]
    public async Task Field_mode_writes_the_percentage_only_when_it_changed()
    {
        var field = Request.Create().WithPath("/rest/api/3/issue/OKR-1").UsingGet().WithParam("fields", "customfield_10100");
        _jira.Reply(field, "cloud/issue.progress-field.json");
        _jira.Server.Given(Request.Create().WithPath("/rest/api/3/issue/OKR-1").UsingPut())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(204));

        var changed = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Field, Samples.Content(0.6)), default);

        Assert.Equal(new WriteBackResult("customfield_10100", 2, true), changed);
        var edit = JiraSite.BodyOf(Assert.Single(_jira.Requests("PUT", "/rest/api/3/issue/OKR-1")));
        Assert.Equal(60.0, edit["fields"]!["customfield_10100"]!.GetValue<double>());

        _jira.Server.ResetMappings();
        _jira.ReplyJson(field, Fixture.Text("cloud/issue.progress-field.json").Replace("10.0", "60.0", StringComparison.Ordinal));

        var same = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Field, Samples.Content(0.6)), default);

        Assert.Equal(new WriteBackResult("customfield_10100", 1, false), same);
        Assert.Single(_jira.Requests("PUT", "/rest/api/3/issue/OKR-1"));
    }

    [Fact]
    public async Task Property_mode_sets_the_entity_property_only_when_it_changed()
    {
        const string path = "/rest/api/3/issue/OKR-1/properties/okrconnect.progress";
        _jira.Reply(Request.Create().WithPath(path).UsingGet(), "cloud/issue-property.json");
        _jira.Server.Given(Request.Create().WithPath(path).UsingPut())
            .RespondWith(WireMock.ResponseBuilders.Response.Create().WithStatusCode(200));

        var changed = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Property, Samples.Content(0.6)), default);

        Assert.Equal(new WriteBackResult("okrconnect.progress", 2, true), changed);
        var value = JiraSite.BodyOf(Assert.Single(_jira.Requests("PUT", path)));
        Assert.Equal(Samples.KeyResultId.ToString(), value["keyResultId"]!.GetValue<string>());
        Assert.Equal(0.6, value["progress"]!.GetValue<double>());
        Assert.Equal(3, value["done"]!.GetValue<int>());
        Assert.Equal(6, value["total"]!.GetValue<int>());
        Assert.Equal(1, value["excluded"]!.GetValue<int>());
        Assert.Equal("count", value["model"]!.GetValue<string>());
        Assert.Equal("2026-11-03T14:05:00Z", value["computedAt"]!.GetValue<string>());
        Assert.Equal(Samples.Content().KeyResultUrl, value["url"]!.GetValue<string>());

        _jira.Server.ResetMappings();
        _jira.ReplyJson(Request.Create().WithPath(path).UsingGet(), new JsonObject { ["key"] = "okrconnect.progress", ["value"] = value.DeepClone() }.ToJsonString());

        var same = await _jira.Connector.EnsureWriteBackAsync(_settings, Samples.Request(WriteBackMode.Property, Samples.Content(0.6)), default);

        Assert.Equal(new WriteBackResult("okrconnect.progress", 1, false), same);
    }

    [Fact]
    public async Task Writes_nothing_on_a_jql_target_and_says_why()
    {
        var request = new WriteBackRequest(new TargetRef("jira-jql", "project = OKR"), WriteBackMode.Comment, Samples.KeyResultId, Samples.Content(), null);

        var result = await _jira.Connector.EnsureWriteBackAsync(_settings, request, default);

        Assert.Equal(new WriteBackResult(null, 0, false, "jira-jql \"project = OKR\" has no single issue to write progress on"), result);
    }

    [Fact]
    public async Task Field_mode_without_a_configured_field_is_an_invalid_request()
    {
        var settings = _jira.Cloud();

        var error = await Assert.ThrowsAsync<TrackerException>(() =>
            _jira.Connector.EnsureWriteBackAsync(settings, Samples.Request(WriteBackMode.Field, Samples.Content()), default));

        Assert.Equal(TrackerErrorCategory.InvalidRequest, error.Category);
        Assert.Contains("writeBackField", error.Message, StringComparison.Ordinal);
    }
}
