using System.Net;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>
/// Refused credentials mark the connector itself ("credentials rejected" with the tracker's message and when), shown on
/// GET /api/connectors/{id}/status, not only its links; the next run that gets through clears the mark.
/// </summary>
public sealed class ConnectorHealthTests
{
    private const string Search = "^/rest/api/3/search/jql$";

    [Fact]
    public async Task A_401_marks_the_connector_credentials_rejected_until_a_run_gets_through()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();
        Assert.Equal("ok", (await StatusAsync(s)).Status);

        jira.Fail("POST", Search, 401, times: int.MaxValue);
        var refused = await s.SyncAsync();

        Assert.Equal("partial", refused.Status);
        var status = await StatusAsync(s);
        Assert.Equal("credentials rejected", status.Status);
        Assert.Equal("Authentication", status.ErrorCategory);
        Assert.Contains("credentials rejected", status.Error, StringComparison.Ordinal);
        Assert.Contains("HTTP 401", status.Error, StringComparison.Ordinal);
        Assert.NotNull(status.Since);
        Assert.Equal(refused.Id, status.LatestRun!.Id);
        Assert.True((await s.LinkProgressAsync()).Stale);

        // A 401 is the same for every query: asked once, not retried, not split per target.
        var searchesBefore = jira.Count("POST", "^/rest/api/3/search/jql$");
        await s.SyncAsync();
        Assert.Equal(searchesBefore + 1, jira.Count("POST", "^/rest/api/3/search/jql$"));

        jira.ClearFaults();
        var healed = await s.SyncAsync();

        Assert.Equal("succeeded", healed.Status);
        var cleared = await StatusAsync(s);
        Assert.Equal("ok", cleared.Status);
        Assert.Null(cleared.Error);
        Assert.Null(cleared.Since);
    }

    [Fact]
    public async Task The_status_of_an_unknown_connector_is_not_found()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);

        var response = await s.Manager.GetAsync($"/api/connectors/{Guid.NewGuid()}/status");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
    }

    private static async Task<StatusView> StatusAsync(Scenario s)
    {
        var response = await s.Manager.GetAsync($"/api/connectors/{s.ConnectorId}/status");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await SyncHost.ReadAsync<StatusView>(response);
    }

    private sealed record StatusView(Guid ConnectorId, string Status, string? ErrorCategory, string? Error, DateTimeOffset? Since, SyncRunView? LatestRun);
}
