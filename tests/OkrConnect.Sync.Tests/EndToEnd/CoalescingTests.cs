using System.Net;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Coordination;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>Never two syncs of a connector at once, and a trigger arriving meanwhile is served right after, once.</summary>
public sealed class CoalescingTests
{
    [Fact]
    public async Task A_sync_asked_for_while_another_process_holds_the_lease_is_queued_then_served_once()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        var locks = s.Service<ISyncLockRepository>();
        var lease = SyncLeases.ForConnector(s.ConnectorId);
        Assert.True(await locks.TryAcquireAsync(lease, "another-server", DateTimeOffset.UtcNow, TimeSpan.FromMinutes(1)));

        var queued = await s.Manager.PostAsync($"/api/connectors/{s.ConnectorId}/sync?wait=true", null);

        Assert.Equal(HttpStatusCode.Accepted, queued.StatusCode);
        Assert.True((await SyncHost.ReadAsync<SyncRequestView>(queued)).Queued);
        Assert.Equal(1, await s.CountRowsAsync("sync_requests"));
        Assert.Equal(0, jira.Count("POST", FakeJira.SearchPath));

        // The other holder finishes; the next run serves the queued request with its own, as one run.
        await locks.ReleaseAsync(lease, "another-server");
        var run = await s.SyncAsync();

        Assert.Equal(1, run.WritesMade);
        Assert.Equal(0, await s.CountRowsAsync("sync_requests"));
        Assert.Equal(1, await s.CountRowsAsync("sync_runs"));
        Assert.Equal(0, await s.CountRowsAsync("sync_locks"));
    }
}
