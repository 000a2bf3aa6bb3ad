using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Coordination;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.Webhooks;

/// <summary>
/// Turns inbox entries into syncs: woken by <see cref="WebhookSignal"/> (then waits a short debounce so a burst of
/// events becomes one run), and sweeping periodically for entries another server received or a crash left behind.
/// Entries are claimed atomically, so several servers never process the same one; all entries of a connector claimed
/// together become one run over the union of the links they touch.
/// </summary>
public sealed class WebhookProcessor(
    IServiceScopeFactory scopes,
    WebhookSignal signal,
    SyncInstance instance,
    IOptions<SyncOptions> options,
    TimeProvider clock,
    ILogger<WebhookProcessor> logger) : BackgroundService
{
    private const int ClaimBatch = 200;

    // A claim older than this belongs to a process that died mid-way: the entry may be claimed again.
    private static readonly TimeSpan ClaimTimeout = TimeSpan.FromMinutes(10);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweep = TimeSpan.FromSeconds(options.Value.WebhookSweepSeconds);
        var lastPrune = DateTimeOffset.MinValue;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await signal.WaitAsync(sweep, stoppingToken);
                await Task.Delay(TimeSpan.FromMilliseconds(options.Value.WebhookProcessingDelayMs), clock, stoppingToken);
                while (await ProcessBatchAsync(stoppingToken) > 0)
                {
                }

                if (clock.GetUtcNow() - lastPrune > TimeSpan.FromHours(1))
                {
                    await PruneAsync(stoppingToken);
                    lastPrune = clock.GetUtcNow();
                }
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                // Never let the host die for a webhook; the entries stay in the inbox for the next sweep.
                logger.LogError(ex, "Processing the webhook inbox failed");
            }
        }
    }

    /// <summary>Claims and processes one batch; returns how many entries it claimed.</summary>
    public async Task<int> ProcessBatchAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var inbox = services.GetRequiredService<IWebhookInboxRepository>();
        var now = clock.GetUtcNow();
        var claimed = await inbox.ClaimAsync(instance.Id, now, now - ClaimTimeout, ClaimBatch, ct);

        var exhausted = claimed.Where(e => e.Attempts > options.Value.WebhookMaxAttempts).Select(e => e.Id).ToList();
        if (exhausted.Count > 0)
        {
            await inbox.MarkProcessedAsync(exhausted, now, $"gave up after {options.Value.WebhookMaxAttempts} attempts", ct);
        }

        foreach (var group in claimed.Where(e => !exhausted.Contains(e.Id)).GroupBy(e => e.ConnectorId))
        {
            var ids = group.Select(e => e.Id).ToList();
            try
            {
                var linkIds = await AffectedLinksAsync(services, group.Key, group.ToList(), ct);
                if (linkIds.Count > 0)
                {
                    await services.GetRequiredService<SyncCoordinator>()
                        .RunAsync(new SyncScope(group.Key, SyncTrigger.Webhook, linkIds), ct);
                }

                await inbox.MarkProcessedAsync(ids, clock.GetUtcNow(), null, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Webhook entries of connector {ConnectorId} failed; they will be tried again", group.Key);
                await inbox.ReleaseAsync(ids, ex.Message, ct);
            }
        }

        return claimed.Count;
    }

    /// <summary>
    /// The connector's links a batch of events touches: those whose target an event names (the epic or parent),
    /// and those whose stored work holds an item an event names (an issue edited, moved away, deleted).
    /// </summary>
    private static async Task<List<Guid>> AffectedLinksAsync(
        IServiceProvider services, Guid connectorId, IReadOnlyList<WebhookInboxEntry> entries, CancellationToken ct)
    {
        var targets = new HashSet<TargetRef>(entries.SelectMany(e => e.Targets), TargetRefComparer.Instance);
        var itemIds = entries.SelectMany(e => e.ItemExternalIds).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        if (itemIds.Count > 0)
        {
            targets.UnionWith(await services.GetRequiredService<IWorkItemRepository>().ListTargetsHoldingAsync(connectorId, itemIds, ct));
        }

        if (targets.Count == 0)
        {
            return [];
        }

        var links = await services.GetRequiredService<Core.Persistence.ILinkRepository>().ListByConnectorAsync(connectorId, ct);
        return links.Where(l => targets.Contains(new TargetRef(l.TargetKind, l.TargetKey))).Select(l => l.Id).ToList();
    }

    private async Task PruneAsync(CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var now = clock.GetUtcNow();
        var pruned = await scope.ServiceProvider.GetRequiredService<IWebhookInboxRepository>().PruneAsync(
            now - TimeSpan.FromHours(Math.Max(72, options.Value.WebhookDeliveryRetentionHours)),
            now - TimeSpan.FromDays(7),
            ct);
        if (pruned > 0)
        {
            logger.LogInformation("Pruned {Count} old webhook deliveries and inbox entries", pruned);
        }
    }
}
