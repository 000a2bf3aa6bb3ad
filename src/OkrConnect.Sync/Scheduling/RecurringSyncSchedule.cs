using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Sync.Scheduling;

/// <summary>
/// Keeps one recurring sync job and one nightly reconcile job per enabled connector, at start-up and every minute, so
/// connectors added, changed, disabled or deleted through the API are scheduled without the API knowing about jobs.
/// Only jobs whose id starts with "sync:" or "reconcile:" are touched.
/// </summary>
public sealed class RecurringSyncSchedule(IServiceScopeFactory scopes, IOptions<SyncOptions> options, ILogger<RecurringSyncSchedule> logger)
    : BackgroundService
{
    private const int PageSize = 200;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!options.Value.ScheduleRecurringJobs)
        {
            logger.LogInformation("Recurring syncs are not scheduled by this process (Sync:ScheduleRecurringJobs is false)");
            return;
        }

        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.ScheduleRefreshSeconds));
        do
        {
            try
            {
                await RefreshAsync(stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogError(ex, "Bringing the recurring sync jobs in step with the connectors failed; trying again shortly");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    public async Task RefreshAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var jobs = scope.ServiceProvider.GetService<IRecurringJobManager>();
        var storage = scope.ServiceProvider.GetService<JobStorage>();
        if (jobs is null || storage is null)
        {
            logger.LogWarning("Hangfire is not configured: recurring syncs are off");
            return;
        }

        var connectors = await ListAllAsync(scope.ServiceProvider.GetRequiredService<IConnectorRepository>(), ct);
        using var connection = storage.GetConnection();
        var existing = connection.GetRecurringJobs()
            .Where(j => j.Id.StartsWith("sync:", StringComparison.Ordinal) || j.Id.StartsWith("reconcile:", StringComparison.Ordinal))
            .ToDictionary(j => j.Id, j => j.Cron, StringComparer.Ordinal);

        var wanted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var connector in connectors.Where(c => c.Enabled))
        {
            var syncId = SyncJobs.SyncJobId(connector.Id);
            var reconcileId = SyncJobs.ReconcileJobId(connector.Id);
            wanted.Add(syncId);
            wanted.Add(reconcileId);

            var cron = string.IsNullOrWhiteSpace(connector.SyncCron) ? options.Value.DefaultCron : connector.SyncCron.Trim();
            Ensure(jobs, existing, syncId, cron, connector.Id, reconcile: false);
            Ensure(jobs, existing, reconcileId, options.Value.ReconcileCron, connector.Id, reconcile: true);
        }

        foreach (var stale in existing.Keys.Where(id => !wanted.Contains(id)))
        {
            jobs.RemoveIfExists(stale);
            logger.LogInformation("Removed recurring job {JobId}: its connector is gone or disabled", stale);
        }
    }

    private void Ensure(IRecurringJobManager jobs, Dictionary<string, string> existing, string id, string cron, Guid connectorId, bool reconcile)
    {
        if (existing.TryGetValue(id, out var current) && current == cron)
        {
            return;
        }

        var jobOptions = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
        try
        {
            AddOrUpdate(jobs, id, cron, connectorId, reconcile, jobOptions);
        }
        catch (Exception ex) when (ex is ArgumentException or FormatException)
        {
            // A cron the API let through but Hangfire cannot parse: sync on the default rather than never.
            logger.LogWarning(ex, "Connector {ConnectorId} has an invalid sync cron {Cron}; using {Default}", connectorId, cron, options.Value.DefaultCron);
            AddOrUpdate(jobs, id, options.Value.DefaultCron, connectorId, reconcile, jobOptions);
        }
    }

    private static void AddOrUpdate(IRecurringJobManager jobs, string id, string cron, Guid connectorId, bool reconcile, RecurringJobOptions jobOptions)
    {
        if (reconcile)
        {
            jobs.AddOrUpdate<SyncJobs>(id, j => j.ReconcileConnectorAsync(connectorId, CancellationToken.None), cron, jobOptions);
        }
        else
        {
            jobs.AddOrUpdate<SyncJobs>(id, j => j.SyncConnectorAsync(connectorId, CancellationToken.None), cron, jobOptions);
        }
    }

    private static async Task<List<ConnectorConfig>> ListAllAsync(IConnectorRepository connectors, CancellationToken ct)
    {
        var all = new List<ConnectorConfig>();
        for (var offset = 0; ; offset += PageSize)
        {
            var page = await connectors.ListAsync(offset, PageSize, ct);
            all.AddRange(page.Items);
            if (page.Items.Count < PageSize || all.Count >= page.Total)
            {
                return all;
            }
        }
    }
}
