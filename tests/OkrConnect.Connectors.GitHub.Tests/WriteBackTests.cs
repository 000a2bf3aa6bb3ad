using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class WriteBackTests : IDisposable
{
    private static readonly TargetRef Parent = new(GitHubTargetKinds.Issue, "octo-org/roadmap#42");
    private static readonly Guid KeyResult = Guid.Parse("6f1c2d3e-4b5a-4789-9abc-def012345678");

    private readonly ConnectorHarness _harness = new();

    private GitHubApiServer Server => _harness.Server;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Creates_the_comment_then_edits_it_then_leaves_it_alone_when_nothing_changed()
    {
        var first = Content.Progress(0.5);
        var second = Content.Progress(0.75, done: 6);
        var firstBody = MarkdownRenderer.Render(KeyResult, first, "en");
        var secondBody = MarkdownRenderer.Render(KeyResult, second, "en");
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Sequence("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100",
            () => JsonResponse(new JsonArray(), "\"list-1\""),
            () => JsonResponse(new JsonArray(Comment(1001, secondBody, "okr-bot")), "\"list-2\""));
        Server.Json("POST", "/repos/octo-org/roadmap/issues/42/comments", Comment(1001, firstBody, "okr-bot"), status: 201);
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/1001", Comment(1001, secondBody, "okr-bot"));

        var created = await EnsureAsync(first, knownRemoteId: null);
        _harness.Time.Advance(TimeSpan.FromMinutes(5));
        var edited = await EnsureAsync(second, created.RemoteId);
        _harness.Time.Advance(TimeSpan.FromMinutes(5));

        // The same text again, the comment found by its marker (its id was never stored): read, nothing written.
        var unchanged = await EnsureAsync(second, knownRemoteId: null);

        Assert.Equal(("1001", true), (created.RemoteId, created.Written));
        Assert.Equal(("1001", true), (edited.RemoteId, edited.Written));
        Assert.Equal(("1001", false), (unchanged.RemoteId, unchanged.Written));
        Assert.Null(unchanged.Reason);
        Assert.Equal(3, created.ApiCalls);
        Assert.Equal(1, edited.ApiCalls);
        Assert.Equal(1, unchanged.ApiCalls);

        var posted = Assert.Single(Server.RequestsTo("POST", "/repos/octo-org/roadmap/issues/42/comments"));
        Assert.Equal(firstBody, JsonDocument.Parse(posted.RequestMessage.Body!).RootElement.GetProperty("body").GetString());
        Assert.StartsWith($"<!-- okrconnect:kr={KeyResult} -->", firstBody, StringComparison.Ordinal);
        var patched = Assert.Single(Server.RequestsTo("PATCH", "/repos/octo-org/roadmap/issues/comments/1001"));
        Assert.Equal(secondBody, JsonDocument.Parse(patched.RequestMessage.Body!).RootElement.GetProperty("body").GetString());
        Assert.Empty(Server.RequestsTo("GET", "/repos/octo-org/roadmap/issues/comments/1001"));
    }

    [Fact]
    public async Task A_remembered_comment_is_edited_with_one_paced_patch_and_no_read()
    {
        var content = Content.Progress(0.75, done: 6);
        var body = MarkdownRenderer.Render(KeyResult, content, "en");
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/1001", Comment(1001, body, "okr-bot"));

        var edited = await EnsureAsync(content, knownRemoteId: "1001");

        Assert.Equal(new WriteBackResult("1001", 1, true, PendingWrites: 0), edited);
        var only = Assert.Single(Server.Requests);
        Assert.Equal("PATCH", only.RequestMessage.Method);
        Assert.Equal("/repos/octo-org/roadmap/issues/comments/1001", only.RequestMessage.Path);
        var sent = JsonDocument.Parse(only.RequestMessage.Body!).RootElement.GetProperty("body").GetString();
        Assert.Equal(body, sent);
        Assert.StartsWith(MarkdownRenderer.Marker(KeyResult), sent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_404_on_the_edit_finds_our_marked_copy_by_marker_and_edits_it_instead_of_creating_another()
    {
        var content = Content.Progress(0.6);
        var marker = MarkdownRenderer.Marker(KeyResult);
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/1001", """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/comments#update-an-issue-comment","status":"404"}""", status: 404);
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100",
            new JsonArray(Comment(7, $"Quoting:\n{marker}", "mallory"), Comment(1500, $"{marker}\nold numbers", "okr-bot")));
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/1500", Comment(1500, "new", "okr-bot"));

        // The failed edit took its paced turn too: the next write waits its second (fake time).
        var result = await _harness.AdvanceUntilDoneAsync(EnsureAsync(content, knownRemoteId: "1001"), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal(("1500", true), (result.RemoteId, result.Written));
        Assert.Equal(4, result.ApiCalls);
        Assert.Empty(Server.RequestsTo("POST", "/repos/octo-org/roadmap/issues/42/comments"));
        Assert.Empty(Server.RequestsTo("PATCH", "/repos/octo-org/roadmap/issues/comments/7"));
        Assert.Single(Server.RequestsTo("PATCH", "/repos/octo-org/roadmap/issues/comments/1500"));
    }

    [Fact]
    public async Task After_a_crash_between_create_and_store_our_marked_comment_is_found_and_edited_not_duplicated()
    {
        var content = Content.Progress(0.6);
        var marker = MarkdownRenderer.Marker(KeyResult);
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });

        // Page 1: someone quoting our marker (not ours). Page 2: the comment we created before the crash.
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100",
            new JsonArray(Comment(7, $"Look at this:\n{marker}\nfunny", "mallory"), Comment(8, "LGTM", "alice")),
            headers: new Dictionary<string, string> { ["Link"] = $"<{Server.Url}/repositories/1/issues/42/comments?per_page=100&page=2>; rel=\"next\"" });
        Server.Json("GET", "/repositories/1/issues/42/comments?per_page=100&page=2",
            new JsonArray(Comment(1001, $"{marker}\nold numbers", "OKR-Bot")));
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/1001", Comment(1001, "new", "okr-bot"));

        var result = await EnsureAsync(content, knownRemoteId: null);

        Assert.Equal(("1001", true), (result.RemoteId, result.Written));
        Assert.Empty(Server.RequestsTo("POST", "/repos/octo-org/roadmap/issues/42/comments"));
        Assert.Empty(Server.RequestsTo("PATCH", "/repos/octo-org/roadmap/issues/comments/7"));
    }

    [Fact]
    public async Task A_remembered_comment_that_was_deleted_is_recreated()
    {
        // GitHub answers the edit of a deleted comment with 404: look for a copy by marker (none), then create it.
        var content = Content.Progress(0.6);
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/1001", """{"message":"Not Found","documentation_url":"https://docs.github.com/rest/issues/comments#update-an-issue-comment","status":"404"}""", status: 404);
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray(Comment(9, "unrelated", "alice")));
        Server.Json("POST", "/repos/octo-org/roadmap/issues/42/comments", Comment(2002, "created", "okr-bot"), status: 201);

        // The failed edit took its paced turn too: the next write waits its second (fake time).
        var result = await _harness.AdvanceUntilDoneAsync(EnsureAsync(content, knownRemoteId: "1001"), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal(("2002", true), (result.RemoteId, result.Written));
        Assert.Single(Server.RequestsTo("POST", "/repos/octo-org/roadmap/issues/42/comments"));
        Assert.Equal(
            ["PATCH /repos/octo-org/roadmap/issues/comments/1001", "GET /user", "GET /repos/octo-org/roadmap/issues/42/comments?per_page=100", "POST /repos/octo-org/roadmap/issues/42/comments"],
            Server.RequestedUrls);
    }

    [Fact]
    public async Task Creates_for_one_token_are_spaced_at_least_a_second_apart()
    {
        var sentAt = new List<DateTimeOffset>();
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray());
        Server.Mock.Given(GitHubApiServer.Request("POST", "/repos/octo-org/roadmap/issues/42/comments"))
            .RespondWith(CreatedCommentNotingTime(sentAt, _harness.Time, firstId: 3000));

        var writes = Enumerable.Range(0, 3)
            .Select(_ => _harness.Connector.EnsureWriteBackAsync(
                _harness.Settings(), new WriteBackRequest(Parent, WriteBackMode.Comment, Guid.NewGuid(), Content.Progress(0.1), null), CancellationToken.None))
            .ToList();
        var all = Task.WhenAll(writes);
        await _harness.AdvanceUntilDoneAsync(all, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal(3, sentAt.Count);
        var ordered = sentAt.Order().ToList();
        Assert.All(ordered.Zip(ordered.Skip(1)), pair => Assert.True(pair.Second - pair.First >= TimeSpan.FromSeconds(1), $"{pair.First:O} then {pair.Second:O}"));
        Assert.Equal(0, _harness.Connector.PendingMutations);
    }

    [Fact]
    public async Task Each_write_back_reports_the_writes_still_waiting_behind_it_on_the_token()
    {
        // The first create is held on the server until all three writes are queued, so the order of turns is settled:
        // the first finishes with two waiting, the second with one, the last with none.
        var created = 0;
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray());
        Server.Mock.Given(GitHubApiServer.Request("POST", "/repos/octo-org/roadmap/issues/42/comments"))
            .RespondWith(Response.Create().WithCallback(async _ =>
            {
                var id = Interlocked.Increment(ref created);
                var until = DateTime.UtcNow.AddSeconds(20);
                while (id == 1 && _harness.Connector.PendingMutations < 3 && DateTime.UtcNow < until)
                {
                    await Task.Delay(10);
                }

                return new WireMock.ResponseMessage
                {
                    StatusCode = 201,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new WireMock.Util.BodyData
                    {
                        BodyAsString = Comment(4000 + id, "x", "okr-bot").ToJsonString(),
                        DetectedBodyType = WireMock.Types.BodyType.String,
                    },
                };
            }));

        var writes = Enumerable.Range(0, 3)
            .Select(_ => _harness.Connector.EnsureWriteBackAsync(
                _harness.Settings(), new WriteBackRequest(Parent, WriteBackMode.Comment, Guid.NewGuid(), Content.Progress(0.1), null), CancellationToken.None))
            .ToList();
        var results = await _harness.AdvanceUntilDoneAsync(Task.WhenAll(writes), TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.All(results, r => Assert.True(r.Written));
        Assert.Equal([0, 1, 2], results.Select(r => r.PendingWrites).Order());
        Assert.Equal(2, results.Single(r => r.RemoteId == "4001").PendingWrites);
        Assert.Equal(0, _harness.Connector.PendingMutations);
    }

    [Fact]
    public async Task A_create_that_fails_with_a_server_error_is_not_retried()
    {
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray());
        Server.Json("POST", "/repos/octo-org/roadmap/issues/42/comments", """{"message":"Server Error"}""", status: 502);

        var failure = await Assert.ThrowsAsync<TrackerException>(() => EnsureAsync(Content.Progress(0.2), null));

        Assert.Equal(TrackerErrorCategory.Transient, failure.Category);
        Assert.Single(Server.RequestsTo("POST", "/repos/octo-org/roadmap/issues/42/comments"));
    }

    [Fact]
    public async Task A_refused_create_is_an_invalid_request_with_githubs_message()
    {
        // The recorded 422 "Validation Failed" answer (octokit/fixtures errors scenario), served for a comment create.
        var refusal = NockFixture.Load("github/errors.normalized-fixture.json").Single();
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray());
        refusal.Register(Server, "/repos/octo-org/roadmap/issues/42/comments");

        var failure = await Assert.ThrowsAsync<TrackerException>(() => EnsureAsync(Content.Progress(0.2), null));

        Assert.Equal(TrackerErrorCategory.InvalidRequest, failure.Category);
        Assert.Equal(422, failure.StatusCode);
        Assert.Contains("Validation Failed", failure.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(GitHubTargetKinds.Milestone, "octo-org/roadmap/3", WriteBackMode.Comment, "no single issue to write to")]
    [InlineData(GitHubTargetKinds.Label, "octo-org/roadmap:okr", WriteBackMode.Comment, "no single issue to write to")]
    [InlineData(GitHubTargetKinds.Milestone, "octo-org/roadmap/3", WriteBackMode.Field, "no single issue to write to")]
    [InlineData(GitHubTargetKinds.Issue, "octo-org/roadmap#42", WriteBackMode.Field, "no projectField is configured")]
    [InlineData(GitHubTargetKinds.Issue, "octo-org/roadmap#42", WriteBackMode.Property, "no machine-readable properties")]
    [InlineData(GitHubTargetKinds.Issue, "octo-org/roadmap#42", WriteBackMode.None, "write-back is off")]
    public async Task Write_backs_github_cannot_hold_are_declined_with_a_reason_and_no_request(string kind, string key, WriteBackMode mode, string reason)
    {
        var result = await _harness.Connector.EnsureWriteBackAsync(
            _harness.Settings(), new WriteBackRequest(new TargetRef(kind, key), mode, KeyResult, Content.Progress(0.5), null), CancellationToken.None);

        Assert.False(result.Written);
        Assert.Contains(reason, result.Reason, StringComparison.Ordinal);
        Assert.Empty(Server.Requests);
    }

    private Task<WriteBackResult> EnsureAsync(WriteBackContent content, string? knownRemoteId) =>
        _harness.Connector.EnsureWriteBackAsync(
            _harness.Settings(), new WriteBackRequest(Parent, WriteBackMode.Comment, KeyResult, content, knownRemoteId), CancellationToken.None);

    /// <summary>Answers a comment create with 201 and a new comment (ids from <paramref name="firstId"/> + 1), noting when each arrived.</summary>
    internal static IResponseBuilder CreatedCommentNotingTime(List<DateTimeOffset> sentAt, TimeProvider time, long firstId) =>
        Response.Create().WithCallback(_ =>
        {
            int count;
            lock (sentAt)
            {
                sentAt.Add(time.GetUtcNow());
                count = sentAt.Count;
            }

            return new WireMock.ResponseMessage
            {
                StatusCode = 201,
                Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                BodyData = new WireMock.Util.BodyData
                {
                    BodyAsString = Comment(firstId + count, "x", "okr-bot").ToJsonString(),
                    DetectedBodyType = WireMock.Types.BodyType.String,
                },
            };
        });

    internal static JsonObject Comment(long id, string body, string author) => new()
    {
        ["url"] = $"https://api.github.com/repos/octo-org/roadmap/issues/comments/{id}",
        ["html_url"] = $"https://github.com/octo-org/roadmap/issues/42#issuecomment-{id}",
        ["issue_url"] = "https://api.github.com/repos/octo-org/roadmap/issues/42",
        ["id"] = id,
        ["node_id"] = "IC_kwDOA",
        ["user"] = new JsonObject { ["login"] = author, ["id"] = 1, ["type"] = author.EndsWith("[bot]", StringComparison.Ordinal) ? "Bot" : "User" },
        ["created_at"] = "2026-03-02T10:00:00Z",
        ["updated_at"] = "2026-03-02T10:00:00Z",
        ["author_association"] = "MEMBER",
        ["body"] = body,
    };

    private static IResponseBuilder JsonResponse(JsonNode body, string etag) =>
        Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithHeader("ETag", etag).WithBody(body.ToJsonString());
}
