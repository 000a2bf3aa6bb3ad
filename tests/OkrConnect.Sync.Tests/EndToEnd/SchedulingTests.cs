using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Scheduling;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>Recurring jobs follow the connectors table; scheduled runs read incrementally once a full read exists.</summary>
public sealed class SchedulingTests
{
    [Fact]
    public async Task Each_enabled_connector_gets_one_sync_and_one_reconcile_job_taking_only_its_id()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost(new Dictionary<string, string?> { ["Sync:ScheduleRefreshSeconds"] = "3600" });
        var s = await Scenario.StartAsync(host, jira);
        var schedule = host.Services.GetServices<IHostedService>().OfType<RecurringSyncSchedule>().Single();

        await schedule.RefreshAsync(default);

        var jobs = Recurring(host);
        Assert.Equal("*/15 * * * *", jobs[SyncJobs.SyncJobId(s.ConnectorId)].Cron);
        Assert.Equal("30 2 * * *", jobs[SyncJobs.ReconcileJobId(s.ConnectorId)].Cron);
        Assert.Equal([s.ConnectorId, default(CancellationToken)], jobs[SyncJobs.SyncJobId(s.ConnectorId)].Job.Args);

        var connectors = host.Services.GetRequiredService<IConnectorRepository>();
        var connector = (await connectors.GetAsync(s.ConnectorId))!;
        await connectors.UpdateAsync(connector with { Enabled = false }, ProtectedSecrets.Unchanged);
        await schedule.RefreshAsync(default);

        Assert.DoesNotContain(Recurring(host).Keys, id => id.EndsWith(s.ConnectorId.ToString("D"), StringComparison.Ordinal));
    }

    [Fact]
    public async Task A_scheduled_run_after_a_full_read_asks_only_for_issues_updated_since_the_watermark()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();

        jira.SetStatus("OKR-102", "done", "Done");
        await using (var scope = host.Services.CreateAsyncScope())
        {
            await scope.ServiceProvider.GetRequiredService<SyncJobs>().SyncConnectorAsync(s.ConnectorId, default);
        }

        var lastSearch = System.Text.Json.Nodes.JsonNode.Parse(
            jira.Server.LogEntries.Last(e => e.RequestMessage.Path == FakeJira.SearchPath).RequestMessage.Body!)!["jql"]!.GetValue<string>();
        Assert.Contains("updated >=", lastSearch, StringComparison.Ordinal);
        Assert.Equal(1.0, (await s.LinkProgressAsync()).Value);
        Assert.Equal(1, jira.Count("PUT", @"^/rest/api/3/issue/OKR-1/comment/\d+$"));
        Assert.Equal(1, await s.CountRowsAsync("sync_runs WHERE triggered_by = 'schedule' AND status = 'succeeded'"));
    }

    private static Dictionary<string, RecurringJobDto> Recurring(SyncHost host)
    {
        using var connection = host.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().ToDictionary(j => j.Id);
    }
}
