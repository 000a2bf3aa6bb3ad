using System.Net;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>Link → sync → progress and exactly one comment, edited in place and never re-posted.</summary>
public sealed class WriteBackTests
{
    [Fact]
    public async Task A_synced_link_has_the_right_progress_and_exactly_one_comment()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);

        var run = await s.SyncAsync();

        Assert.Equal("succeeded", run.Status);
        Assert.Equal(4, run.ItemsFetched);
        Assert.Equal(1, run.WritesMade);
        var link = await s.LinkProgressAsync();
        Assert.Equal(2.0 / 3, link.Value!.Value, 6);
        Assert.False(link.Stale);
        Assert.NotNull(link.LastSyncedAt);
        Assert.Equal(2.0 / 3, (await s.HistoryAsync())[^1].Value!.Value, 6);

        Assert.Equal(1, jira.Count("POST", "^/rest/api/3/issue/OKR-1/comment$"));
        var comment = Assert.Single(jira.CommentsOn("OKR-1"));
        var text = comment.Body.ToJsonString();
        Assert.Contains("Ship the new checkout", text);
        Assert.Contains("2 of 3 issues done", text);
        Assert.Contains($"{SyncHost.PublicBaseUrl}/key-results/{s.KeyResult.Id}", text);

        // The write-back remembers the comment it made.
        var state = (await s.Service<IWriteBackRepository>().ListAsync([s.LinkId]))[s.LinkId];
        Assert.Equal(comment.Id, state.RemoteId);

        // The link now carries the epic's title, read from Jira once.
        var stored = await s.Service<ILinkRepository>().GetAsync(s.LinkId);
        Assert.Equal("Checkout revamp", stored!.TargetTitle);
    }

    [Fact]
    public async Task Syncing_again_with_nothing_changed_makes_no_write_call_and_no_history()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();
        var history = (await s.HistoryAsync()).Count;
        var readsBefore = jira.Count("GET", "comment");

        var run = await s.SyncAsync();

        Assert.Equal(0, run.WritesMade);
        Assert.Equal(1, jira.CommentWrites);
        Assert.Equal(readsBefore, jira.Count("GET", "comment"));
        Assert.Equal(history, (await s.HistoryAsync()).Count);
    }

    [Fact]
    public async Task A_change_edits_the_same_comment()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();

        jira.SetStatus("OKR-102", "done", "Done");
        var run = await s.SyncAsync();

        Assert.Equal(1, run.WritesMade);
        Assert.Equal(1, jira.Count("POST", "^/rest/api/3/issue/OKR-1/comment$"));
        Assert.Equal(1, jira.Count("PUT", @"^/rest/api/3/issue/OKR-1/comment/\d+$"));
        Assert.Contains("3 of 3 issues done", Assert.Single(jira.CommentsOn("OKR-1")).Body.ToJsonString());
        Assert.Equal(1.0, (await s.LinkProgressAsync()).Value);
    }

    [Fact]
    public async Task A_crash_between_creating_the_comment_and_storing_its_id_still_leaves_one_comment()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();

        // What a crash right after the POST leaves behind: the comment exists in Jira, its id is not stored.
        await s.Service<IWriteBackRepository>().DeleteAsync(s.LinkId);
        jira.SetStatus("OKR-102", "done", "Done");
        await s.SyncAsync();

        Assert.Equal(1, jira.Count("POST", "^/rest/api/3/issue/OKR-1/comment$"));
        var comment = Assert.Single(jira.CommentsOn("OKR-1"));
        Assert.Contains("3 of 3 issues done", comment.Body.ToJsonString());
        Assert.Equal(comment.Id, (await s.Service<IWriteBackRepository>().ListAsync([s.LinkId]))[s.LinkId].RemoteId);
    }

    [Fact]
    public async Task Key_results_of_a_closed_cycle_are_frozen()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();
        var searches = jira.Count("POST", FakeJira.SearchPath);
        var before = await s.LinkProgressAsync();

        await s.CloseCycleAsync();
        jira.SetStatus("OKR-102", "done", "Done");
        var run = await s.SyncAsync();

        Assert.Equal(0, run.WritesMade);
        Assert.Equal(1, jira.CommentWrites);
        Assert.Equal(searches, jira.Count("POST", FakeJira.SearchPath));
        Assert.Equal(before, await s.LinkProgressAsync());
        var refresh = await s.Manager.PostAsync($"/api/key-results/{s.KeyResult.Id}/refresh", null);
        Assert.Equal(HttpStatusCode.Conflict, refresh.StatusCode);
    }

    [Fact]
    public async Task The_sync_runs_endpoint_lists_runs_newest_first_with_their_counts()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        var first = await s.SyncAsync();
        var second = await s.SyncAsync();

        var response = await s.Manager.GetAsync($"/api/connectors/{s.ConnectorId}/sync-runs?limit=10");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await SyncHost.ReadAsync<PageView<SyncRunView>>(response);
        Assert.Equal(2, page.Total);
        Assert.Equal([second.Id, first.Id], page.Items.Select(r => r.Id));
        var run = page.Items[1];
        Assert.Equal("manual", run.Trigger);
        Assert.Equal("succeeded", run.Status);
        Assert.Equal(4, run.ItemsFetched);
        Assert.Equal(1, run.WritesMade);
        Assert.True(run.ApiCalls >= 3, $"describe + search + comment calls, got {run.ApiCalls}");
        Assert.NotNull(run.FinishedAt);

        var member = s.Host.ClientFor(OkrConnect.Core.Domain.Role.Member);
        Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/api/connectors/{s.ConnectorId}/sync-runs")).StatusCode);
    }

    [Fact]
    public async Task The_owner_can_refresh_a_key_result_and_its_sync_status_says_when()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        var owner = s.Host.ClientFor(OkrConnect.Core.Domain.Role.Member, "alice");
        var stranger = s.Host.ClientFor(OkrConnect.Core.Domain.Role.Member, "bob");

        Assert.Equal(HttpStatusCode.Forbidden, (await stranger.PostAsync($"/api/key-results/{s.KeyResult.Id}/refresh", null)).StatusCode);
        var refresh = await owner.PostAsync($"/api/key-results/{s.KeyResult.Id}/refresh", null);

        Assert.Equal(HttpStatusCode.OK, refresh.StatusCode);
        Assert.Equal(1, jira.CommentWrites);
        var status = await SyncHost.ReadAsync<KeyResultSyncStatusView>(await owner.GetAsync($"/api/key-results/{s.KeyResult.Id}/sync-status"));
        Assert.False(status.Stale);
        Assert.NotNull(status.LastSyncedAt);
        Assert.Equal(2.0 / 3, Assert.Single(status.Links).Value!.Value, 6);
    }

    public sealed record KeyResultSyncStatusView(Guid KeyResultId, DateTimeOffset? LastSyncedAt, bool Stale, string? LastError, IReadOnlyList<LinkStatusView> Links);

    public sealed record LinkStatusView(Guid LinkId, double? Value, DateTimeOffset? LastSyncedAt, bool Stale, string? LastError, string? WriteBackRemoteId);
}
