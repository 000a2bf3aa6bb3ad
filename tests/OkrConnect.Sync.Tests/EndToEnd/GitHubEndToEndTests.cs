using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>
/// The real host and the real GitHub connector against a stateful <see cref="FakeGitHub"/>: a parent issue's sub-issues
/// become the key result's progress, one sticky comment carries it, an unchanged re-sync costs 304s and no writes, and a
/// signed <c>issues</c> webhook edits the comment. Write pacing is GitHub's own (1 s apart), in real time.
/// </summary>
public sealed class GitHubEndToEndTests
{
    private const string Repo = "octo-org/roadmap";

    [Fact]
    public async Task Sub_issues_drive_progress_one_comment_is_kept_and_a_webhook_edits_it()
    {
        using var github = new FakeGitHub { MaxPageSize = 2 };
        github.AddIssue(Repo, 1);
        github.AddIssue(Repo, 2, parent: 1, state: "closed", stateReason: "completed");
        github.AddIssue(Repo, 3, parent: 1);
        github.AddIssue(Repo, 4, parent: 1, state: "closed", stateReason: "not_planned");
        github.AddIssue(Repo, 5, parent: 1, pullRequest: true);
        github.AddIssue(Repo, 6, parent: 1);
        using var host = new SyncHost();
        var world = await GitHubWorld.StartAsync(host, github);
        var connectorId = await world.CreateConnectorAsync();
        var linkId = await world.CreateLinkAsync(connectorId, world.KeyResults[0], $"{Repo}#1");

        // First sync: 1 done of 3 counted (#4 not planned is excluded, #5 is a pull request); one comment created.
        var first = await world.SyncAsync(connectorId);
        Assert.Equal("succeeded", first.Status);
        Assert.Equal(4, first.ItemsFetched); // the pull request is dropped; the not-planned issue is stored, then excluded
        Assert.Equal(1, first.WritesMade);
        Assert.Equal(1.0 / 3, (await world.LinkProgressAsync(linkId)).Value!.Value, 6);
        Assert.True(github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$") >= 3, "the sub-issues were read over their Link pages");
        Assert.Equal(1, github.Count("POST", $"^/repos/{Repo}/issues/1/comments$"));
        Assert.Equal(1, github.CommentWrites);
        var comment = Assert.Single(github.CommentsOn(Repo, 1));
        var firstBody = comment.Body;
        Assert.Contains($"<!-- okrconnect:kr={world.KeyResults[0].Id} -->", firstBody, StringComparison.Ordinal);

        // Unchanged: every sub-issue page is a free 304 and nothing is written.
        var subIssueReads = github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$");
        var second = await world.SyncAsync(connectorId);
        Assert.Equal("succeeded", second.Status);
        Assert.Equal(0, second.WritesMade);
        var rereads = github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$") - subIssueReads;
        Assert.True(rereads >= 3, $"the sub-issues were read again ({rereads} calls)");
        Assert.Equal(rereads, github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$", status: 304));
        Assert.Equal(1, github.CommentWrites);
        Assert.Equal(1, github.Count("POST", $"^/repos/{Repo}/issues/1/comments$"));
        Assert.Equal(0, github.Count("PATCH", @"^/repos/[^/]+/[^/]+/issues/comments/\d+$"));

        // #3 is closed on GitHub, which says so through a signed issues webhook: the comment is edited, still one.
        github.Close(Repo, 3);
        var (body, headers) = github.IssuesWebhook(Repo, 3, "closed", "72d3162e-cc78-11e3-81ab-4c9367dc0958");
        var response = await world.PostWebhookAsync(connectorId, body, headers);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(
            await Scenario.EventuallyAsync(() => github.Count("PATCH", $@"^/repos/{Repo}/issues/comments/{comment.Id}$") == 1),
            "the comment was not edited after the webhook");
        Assert.Equal(1, github.Count("POST", $"^/repos/{Repo}/issues/1/comments$"));
        var edited = Assert.Single(github.CommentsOn(Repo, 1));
        Assert.Equal(comment.Id, edited.Id);
        Assert.Contains($"<!-- okrconnect:kr={world.KeyResults[0].Id} -->", edited.Body, StringComparison.Ordinal);
        Assert.NotEqual(firstBody, edited.Body);
        Assert.True(await Scenario.EventuallyAsync(() => world.LinkProgressAsync(linkId).Result.Value is { } v && Math.Abs(v - 2.0 / 3) < 1e-6));
    }

    [Fact]
    public async Task What_was_read_is_confirmed_by_a_304_from_another_host_on_the_same_database_and_a_change_is_read_in_full()
    {
        using var github = new FakeGitHub();
        github.AddIssue(Repo, 1);
        github.AddIssue(Repo, 2, parent: 1);
        github.AddIssue(Repo, 3, parent: 1, state: "closed", stateReason: "completed");
        using var host = new SyncHost();
        var world = await GitHubWorld.StartAsync(host, github);
        var connectorId = await world.CreateConnectorAsync();
        var linkId = await world.CreateLinkAsync(connectorId, world.KeyResults[0], $"{Repo}#1");
        Assert.Equal(1, (await world.SyncAsync(connectorId)).WritesMade);

        // A second process on the same database (a restart, or another host of a scale-out) has never seen a page: the
        // ETags it sends come from the database, stored with the items.
        using var other = new SyncHost(new Dictionary<string, string?> { ["Storage:DataDirectory"] = host.DataDirectory });
        var otherWorld = await GitHubWorld.StartAsync(other, github, keyResults: 0);
        var reads = github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$");
        var unchanged = await otherWorld.SyncAsync(connectorId);
        Assert.Equal("succeeded", unchanged.Status);
        Assert.Equal(0, unchanged.WritesMade);
        Assert.Equal(0, unchanged.ItemsFetched);
        Assert.Equal(1, github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$") - reads);
        Assert.Equal(1, github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$", status: 304));
        var kept = await otherWorld.LinkProgressAsync(linkId);
        Assert.Equal(0.5, kept.Value!.Value, 6);
        Assert.False(kept.Stale);
        Assert.Equal(2, (await other.Services.GetRequiredService<IWorkItemRepository>().ListByTargetAsync(connectorId, new("github-issue", $"{Repo}#1"))).Count);

        // A change: the 304 turns into a 200, the list is read and stored, the comment edited.
        github.Close(Repo, 2);
        reads = github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$");
        var changed = await otherWorld.SyncAsync(connectorId);
        Assert.Equal(1, github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$") - reads);
        Assert.Equal(2, changed.ItemsFetched);
        Assert.Equal(1, changed.WritesMade);
        Assert.Equal(1.0, (await otherWorld.LinkProgressAsync(linkId)).Value!.Value, 6);
        Assert.Equal(1, github.Count("GET", $"^/repos/{Repo}/issues/1/sub_issues$", status: 304));
        Assert.Equal(1, github.Count("PATCH", @"^/repos/[^/]+/[^/]+/issues/comments/\d+$"));
    }

    [Fact]
    public async Task A_webhook_signed_with_another_secret_is_refused()
    {
        using var github = new FakeGitHub();
        github.AddIssue(Repo, 1);
        github.AddIssue(Repo, 2, parent: 1);
        using var host = new SyncHost();
        var world = await GitHubWorld.StartAsync(host, github);
        var connectorId = await world.CreateConnectorAsync();

        var (body, headers) = github.IssuesWebhook(Repo, 2, "closed", "delivery-forged", secret: "not-the-secret");
        var response = await world.PostWebhookAsync(connectorId, body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, github.CommentWrites);
    }

    [Fact]
    public async Task A_sync_run_shows_the_paced_writes_still_waiting_behind_its_own()
    {
        // Two connectors on one token share GitHub's write pacing. Each run's comment create takes two seconds on the
        // server, so whichever goes first finishes with the other's create still waiting for its turn.
        using var github = new FakeGitHub();
        github.AddIssue(Repo, 1);
        github.AddIssue(Repo, 2, parent: 1, state: "closed", stateReason: "completed");
        github.AddIssue("octo-org/website", 1);
        github.AddIssue("octo-org/website", 2, parent: 1);
        github.Delay("POST", @"/repos/[^/]+/[^/]+/issues/\d+/comments$", TimeSpan.FromSeconds(2));
        using var host = new SyncHost();
        var world = await GitHubWorld.StartAsync(host, github, keyResults: 2);
        var roadmap = await world.CreateConnectorAsync("Roadmap");
        var website = await world.CreateConnectorAsync("Website");
        await world.CreateLinkAsync(roadmap, world.KeyResults[0], $"{Repo}#1");
        await world.CreateLinkAsync(website, world.KeyResults[1], "octo-org/website#1");

        var runs = await Task.WhenAll(world.SyncAsync(roadmap), world.SyncAsync(website));

        Assert.All(runs, run => Assert.Equal(1, run.WritesMade));
        Assert.Equal([0, 1], runs.Select(r => r.PendingWrites).Order());
        Assert.Equal(2, github.Count("POST", @"^/repos/[^/]+/[^/]+/issues/1/comments$"));

        // The figure is stored with the run and listed by the sync-runs endpoint.
        var listed = new List<SyncRunView>();
        foreach (var id in new[] { roadmap, website })
        {
            var response = await world.Manager.GetAsync($"/api/connectors/{id}/sync-runs?limit=10");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(json.RootElement.GetProperty("items")[0].TryGetProperty("pendingWrites", out _), "sync-runs shows pendingWrites");
            listed.Add(Assert.Single(JsonSerializer.Deserialize<PageView<SyncRunView>>(json.RootElement.GetRawText(), SyncHost.Json)!.Items));
        }

        Assert.Equal(runs.Select(r => (r.Id, r.PendingWrites)).Order(), listed.Select(r => (r.Id, r.PendingWrites)).Order());

        // Nothing waits once both are done: an unchanged re-sync reports none.
        Assert.Equal(0, (await world.SyncAsync(roadmap)).PendingWrites);
    }

    /// <summary>A cycle, an objective and work key results (stored directly); GitHub connectors and links through the API.</summary>
    private sealed class GitHubWorld
    {
        private GitHubWorld(SyncHost host, FakeGitHub github)
        {
            Host = host;
            GitHub = github;
            Admin = host.ClientFor(Role.Admin);
            Manager = host.ClientFor(Role.Manager);
        }

        public SyncHost Host { get; }

        public FakeGitHub GitHub { get; }

        public HttpClient Admin { get; }

        public HttpClient Manager { get; }

        public List<KeyResult> KeyResults { get; } = [];

        public static async Task<GitHubWorld> StartAsync(SyncHost host, FakeGitHub github, int keyResults = 1)
        {
            var world = new GitHubWorld(host, github);
            var now = DateTimeOffset.UtcNow;
            var today = DateOnly.FromDateTime(now.UtcDateTime);
            var cycle = new Cycle(Guid.NewGuid(), "2026-Q4", today.AddDays(-30), today.AddDays(60), CycleState.Active, now);
            var objective = new Objective(Guid.NewGuid(), cycle.Id, "Ship the roadmap", null, ObjectiveLevel.Team, "alice", "web", Visibility.Public, null, 1, now);
            await world.Service<ICycleRepository>().InsertAsync(cycle);
            await world.Service<IObjectiveRepository>().InsertAsync(objective);
            for (var i = 0; i < keyResults; i++)
            {
                var keyResult = new KeyResult(Guid.NewGuid(), objective.Id, $"Deliver milestone {i + 1}", "alice", KeyResultType.Committed, 1, MeasureKind.Work, null, null, null, null, now);
                await world.Service<IKeyResultRepository>().InsertAsync(keyResult);
                world.KeyResults.Add(keyResult);
            }

            return world;
        }

        public T Service<T>()
            where T : notnull => Host.Services.GetRequiredService<T>();

        public async Task<Guid> CreateConnectorAsync(string name = "Fake GitHub")
        {
            var response = await Admin.PostAsJsonAsync("/api/connectors", new
            {
                kind = "github",
                name,
                baseUrl = GitHub.Url,
                options = JsonDocument.Parse("""{"auth":"token"}""").RootElement,
                locale = "en",
                syncCron = "*/15 * * * *",
                enabled = true,
                credentials = FakeGitHub.Token,
                webhookSecret = FakeGitHub.WebhookSecret,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await SyncHost.ReadAsync<Scenario.IdOnly>(response)).Id;
        }

        public async Task<Guid> CreateLinkAsync(Guid connectorId, KeyResult keyResult, string issueKey)
        {
            var response = await Manager.PostAsJsonAsync($"/api/key-results/{keyResult.Id}/links", new
            {
                connectorId,
                targetKind = "github-issue",
                targetKey = issueKey,
            });
            Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
            return (await SyncHost.ReadAsync<Scenario.IdOnly>(response)).Id;
        }

        public async Task<SyncRunView> SyncAsync(Guid connectorId)
        {
            var response = await Manager.PostAsync($"/api/connectors/{connectorId}/sync?wait=true", null);
            Assert.True(response.StatusCode == HttpStatusCode.OK, await response.Content.ReadAsStringAsync() + Environment.NewLine + Host.Errors);
            return Assert.Single((await SyncHost.ReadAsync<SyncRequestView>(response)).Runs);
        }

        public async Task<HttpResponseMessage> PostWebhookAsync(Guid connectorId, byte[] body, IReadOnlyDictionary<string, string> headers)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/github/{connectorId}") { Content = new ByteArrayContent(body) };
            request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
            foreach (var (name, value) in headers)
            {
                request.Headers.TryAddWithoutValidation(name, value);
            }

            return await Host.CreateClient().SendAsync(request);
        }

        public async Task<LinkProgressRecord> LinkProgressAsync(Guid linkId) =>
            Assert.Single(await Service<IProgressRepository>().ListLinkProgressAsync([linkId]));
    }
}
