using System.Net;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>Signed Jira webhooks: verified first, stored once, and turned into an edited comment within a second or so.</summary>
public sealed class WebhookTests
{
    [Fact]
    public async Task A_change_announced_by_webhook_edits_the_comment()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();

        jira.SetStatus("OKR-102", "done", "Done");
        var (body, headers) = jira.IssueUpdatedWebhook("OKR-102", "delivery-1");
        var response = await s.PostWebhookAsync(body, headers);

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.True(
            await Scenario.EventuallyAsync(() => jira.Count("PUT", @"^/rest/api/3/issue/OKR-1/comment/\d+$") == 1),
            "the comment was not edited after the webhook");
        Assert.Equal(1, jira.Count("POST", "^/rest/api/3/issue/OKR-1/comment$"));
        Assert.Contains("3 of 3 issues done", Assert.Single(jira.CommentsOn("OKR-1")).Body.ToJsonString());
        Assert.True(await Scenario.EventuallyAsync(() => s.CountRowsAsync("webhook_inbox WHERE processed_at IS NULL").Result == 0));
    }

    [Fact]
    public async Task A_bad_signature_is_refused_and_nothing_is_stored()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);

        var (body, headers) = jira.IssueUpdatedWebhook("OKR-102", "delivery-forged", secret: "not-the-secret");
        var response = await s.PostWebhookAsync(body, headers);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal(0, await s.CountRowsAsync("webhook_inbox"));
        Assert.Equal(0, await s.CountRowsAsync("webhook_deliveries"));

        headers.Remove("X-Hub-Signature");
        Assert.Equal(HttpStatusCode.Unauthorized, (await s.PostWebhookAsync(body, headers)).StatusCode);
        Assert.Equal(0, await s.CountRowsAsync("webhook_deliveries"));
        Assert.Equal(0, jira.CommentWrites);
    }

    [Fact]
    public async Task A_redelivered_webhook_is_acknowledged_and_processed_once()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();
        jira.SetStatus("OKR-102", "done", "Done");
        var (body, headers) = jira.IssueUpdatedWebhook("OKR-102", "delivery-7");

        var first = await s.PostWebhookAsync(body, headers);
        var again = await s.PostWebhookAsync(body, headers);

        Assert.Equal(HttpStatusCode.Accepted, first.StatusCode);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal(1, await s.CountRowsAsync("webhook_inbox"));
        Assert.Equal(1, await s.CountRowsAsync("webhook_deliveries"));
        Assert.True(await Scenario.EventuallyAsync(() => s.CountRowsAsync("webhook_inbox WHERE processed_at IS NOT NULL").Result == 1));
        Assert.Equal(1, await s.CountRowsAsync("sync_runs WHERE triggered_by = 'webhook'"));
        Assert.Equal(1, jira.Count("PUT", @"^/rest/api/3/issue/OKR-1/comment/\d+$"));
    }

    [Fact]
    public async Task A_webhook_for_an_unknown_connector_or_kind_is_not_found()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        var (body, headers) = jira.IssueUpdatedWebhook("OKR-102", "delivery-9");

        Assert.Equal(HttpStatusCode.NotFound, (await s.PostWebhookAsync(body, headers, connectorId: Guid.NewGuid())).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await s.PostWebhookAsync(body, headers, kind: "github")).StatusCode);
        Assert.Equal(0, await s.CountRowsAsync("webhook_deliveries"));
    }
}
