using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>Tracker failures: retried where they may pass, recorded where they do not, never a second comment.</summary>
public sealed class FailureTests
{
    private const string Search = "^/rest/api/3/search/jql$";
    private const string AddComment = "^/rest/api/3/issue/OKR-1/comment$";

    [Fact]
    public async Task Stored_versions_of_two_spellings_of_one_target_neither_break_a_run_nor_stand_for_each_other()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();

        // Versions under "OKR-1" and "okr-1" (a link once spelled the other way): the run matches its own exactly.
        var items = host.Services.GetRequiredService<OkrConnect.Core.Persistence.IWorkItemRepository>();
        await items.StoreTargetsAsync(
            s.ConnectorId,
            [
                new(new("jira-epic", "OKR-1"), [], Replace: false, Version: "v-upper"),
                new(new("jira-epic", "okr-1"), [], Replace: true, Version: "v-lower"),
            ],
            DateTimeOffset.UtcNow);
        Assert.Equal(2, (await items.ListContentVersionsAsync(s.ConnectorId)).Count);

        var run = await s.SyncAsync();

        Assert.Equal("succeeded", run.Status);
        Assert.Equal(4, run.ItemsFetched);
    }

    [Fact]
    public async Task Server_errors_rate_limits_and_timeouts_are_retried_and_converge_on_one_comment()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        jira.Fail("POST", Search, 500);
        jira.Fail("POST", Search, 429, headers: ("Retry-After", "1"));
        jira.Fail("POST", Search, 0, delay: TimeSpan.FromSeconds(2));
        jira.Fail("GET", "^/rest/api/3/issue/OKR-1/comment$", 503, headers: ("Retry-After", "0"));

        var run = await s.SyncAsync();

        Assert.Equal("succeeded", run.Status);
        Assert.Equal(2.0 / 3, (await s.LinkProgressAsync()).Value!.Value, 6);
        Assert.Equal(1, jira.Count("POST", AddComment));
        Assert.Single(jira.CommentsOn("OKR-1"));
        Assert.Contains("Retry-After", run.RateLimit.Keys);
    }

    [Fact]
    public async Task A_failed_comment_post_is_retried_next_run_without_a_duplicate()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        jira.Fail("POST", AddComment, 500);

        var first = await s.SyncAsync();
        var second = await s.SyncAsync();

        Assert.Equal("partial", first.Status);
        Assert.Contains(first.Errors, e => e.Contains("write-back failed", StringComparison.Ordinal));
        Assert.Equal("succeeded", second.Status);
        Assert.Single(jira.CommentsOn("OKR-1"));
        Assert.Equal(0, (await s.SyncAsync()).WritesMade);
    }

    [Fact]
    public async Task A_comment_created_but_answered_with_an_error_is_found_by_its_marker_not_posted_again()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        jira.CreateCommentThenFail = true;

        await s.SyncAsync();
        await s.SyncAsync();

        Assert.Equal(1, jira.Count("POST", AddComment));
        var comment = Assert.Single(jira.CommentsOn("OKR-1"));
        Assert.Equal(comment.Id, (await s.Service<Core.Persistence.IWriteBackRepository>().ListAsync([s.LinkId]))[s.LinkId].RemoteId);
    }

    [Fact]
    public async Task A_fetch_cut_short_keeps_the_last_complete_value_marked_stale_with_the_reason()
    {
        using var jira = new FakeJira { PageSize = 2 };
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();
        var complete = await s.LinkProgressAsync();

        jira.SetStatus("OKR-102", "done", "Done");
        jira.FailSearchPage(2, 500);
        var run = await s.SyncAsync();

        Assert.Equal("partial", run.Status);
        var stale = await s.LinkProgressAsync();
        Assert.Equal(complete.Value, stale.Value);
        Assert.Equal(complete.LastSyncedAt, stale.LastSyncedAt);
        Assert.True(stale.Stale);
        Assert.Contains("issue search", stale.LastError, StringComparison.Ordinal);
        Assert.Equal(complete.Value, (await s.HistoryAsync())[^1].Value);

        // The comment says the value is stale, and still shows the last complete numbers.
        var text = Assert.Single(jira.CommentsOn("OKR-1")).Body.ToJsonString();
        Assert.Contains("2 of 3 issues done", text);

        jira.ClearFaults();
        await s.SyncAsync();
        var fresh = await s.LinkProgressAsync();
        Assert.False(fresh.Stale);
        Assert.Equal(1.0, fresh.Value);
    }

    [Fact]
    public async Task A_vanished_epic_marks_its_link_in_error_and_the_other_links_still_sync()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        jira.AddEpic("OKR-2", "Payments");
        jira.AddIssue("OKR-2", "OKR-201", "done", "Done");
        var second = await s.CreateLinkAsync("OKR-2");

        // Links are checked against Jira when created, so the epic vanishes after its link was made.
        jira.AddEpic("OKR-9", "Soon gone");
        var gone = await s.CreateLinkAsync("OKR-9");
        jira.RemoveEpic("OKR-9");

        var run = await s.SyncAsync();

        Assert.Equal("partial", run.Status);
        Assert.False((await s.LinkProgressAsync()).Stale);
        Assert.Equal(1.0, (await s.LinkProgressAsync(second)).Value);
        var broken = await s.LinkProgressAsync(gone);
        Assert.True(broken.Stale);
        Assert.NotNull(broken.LastError);
        Assert.Single(jira.CommentsOn("OKR-1"));
        Assert.Single(jira.CommentsOn("OKR-2"));
    }
}
