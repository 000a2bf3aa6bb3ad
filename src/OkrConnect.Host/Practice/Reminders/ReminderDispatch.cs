using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Notifications;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>What one dispatch run did.</summary>
public sealed record DispatchSummary(int Delivered, int Retrying, int Failed);

/// <summary>
/// Sends the deliveries whose attempt is due. Channels are served side by side (one after another within a channel, to
/// respect its rate limit), each call bounded by the HTTP timeout, so a slow or failing channel holds no other back.
/// Tracker comments (<see cref="TrackerReminderChannel"/>) are one more lane per connector, sent by
/// <see cref="TrackerReminderSender"/>. Failures are retried with backoff only when their category is worth it.
/// </summary>
public sealed class ReminderDispatch(
    IReminderDeliveryRepository deliveries,
    IReminderSettingsRepository settings,
    ReminderChannelSecrets secrets,
    ChatSender sender,
    TrackerReminderSender trackers,
    IOptions<ReminderOptions> options,
    TimeProvider clock,
    ILogger<ReminderDispatch> logger)
{
    // Bounds one run: deliveries that fall due while it works wait for the next run.
    private const int MaxBatches = 20;

    public async Task<DispatchSummary> RunAsync(CancellationToken ct)
    {
        var o = options.Value;
        var policy = new DeliveryRetryPolicy(o.MaxAttempts, o.RetryBaseDelay, o.RetryMaxDelay);
        var channels = new Dictionary<string, IReadOnlyList<ReminderChannel>>(StringComparer.Ordinal);
        int delivered = 0, retrying = 0, failed = 0;

        for (var batch = 0; batch < MaxBatches; batch++)
        {
            var now = clock.GetUtcNow();
            var claimed = await deliveries.ClaimDueAsync(now, now - o.ClaimTimeout, o.BatchSize, ct);
            if (claimed.Count == 0)
            {
                break;
            }

            foreach (var team in claimed.Where(d => !TrackerReminderChannel.Carries(d)).Select(d => d.Team).Distinct().Where(t => !channels.ContainsKey(t)))
            {
                channels[team] = await settings.ListChannelsAsync(team, ct);
            }

            var outcomes = await Task.WhenAll(claimed
                .GroupBy(Lane)
                .Select(group => SendLaneAsync(group.ToList(), channels, policy, ct)));
            foreach (var outcome in outcomes.SelectMany(o => o))
            {
                switch (outcome)
                {
                    case DeliveryStatus.Delivered: delivered++; break;
                    case DeliveryStatus.Retrying: retrying++; break;
                    default: failed++; break;
                }
            }

            if (claimed.Count < o.BatchSize)
            {
                break;
            }
        }

        return new DispatchSummary(delivered, retrying, failed);
    }

    /// <summary>A chat channel, or for tracker comments the connector: what must be served one at a time.</summary>
    private static string Lane(ReminderDelivery delivery) =>
        TrackerReminderChannel.Carries(delivery)
            ? "tracker:" + ReminderMessageJson.ReadTracker(delivery.MessageJson)?.Tracker.ConnectorId.ToString("D")
            : delivery.ChannelId.ToString("D");

    private async Task<List<DeliveryStatus>> SendLaneAsync(
        List<ReminderDelivery> queue, Dictionary<string, IReadOnlyList<ReminderChannel>> channels, DeliveryRetryPolicy policy, CancellationToken ct)
    {
        var outcomes = new List<DeliveryStatus>();
        foreach (var delivery in queue)
        {
            var channel = TrackerReminderChannel.Carries(delivery) ? null : channels[delivery.Team].FirstOrDefault(c => c.Id == delivery.ChannelId);
            outcomes.Add(await SendAsync(delivery, channel, policy, ct));
        }

        return outcomes;
    }

    private async Task<DeliveryStatus> SendAsync(ReminderDelivery delivery, ReminderChannel? channel, DeliveryRetryPolicy policy, CancellationToken ct)
    {
        var attempts = delivery.Attempts + 1;
        DeliveryFailure? failure;
        try
        {
            failure = TrackerReminderChannel.Carries(delivery)
                ? await trackers.SendAsync(delivery, ct)
                : channel is null
                    ? new DeliveryFailure(DeliveryFailureCategory.Configuration, "The channel was removed from the team's reminders.")
                    : ReminderMessageJson.Read(delivery.MessageJson) is not { } message
                        ? new DeliveryFailure(DeliveryFailureCategory.Permanent, "The stored message cannot be read.")
                        : await sender.SendAsync(channel.Kind, secrets.Open(channel), message, ct);
        }
        catch (CryptographicException)
        {
            failure = new DeliveryFailure(DeliveryFailureCategory.Configuration, "The channel's webhook URL or secret can no longer be decrypted; enter them again.");
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            logger.LogError(ex, "Delivery {DeliveryId} failed unexpectedly", delivery.Id);
            failure = new DeliveryFailure(DeliveryFailureCategory.Transient, "Sending failed unexpectedly; see the server log.");
        }

        // The outcome is recorded even when the run is being cancelled: the call was made, and a lost outcome would send twice.
        var now = clock.GetUtcNow();
        if (failure is null)
        {
            await deliveries.MarkDeliveredAsync(delivery.Id, attempts, now, CancellationToken.None);
            return DeliveryStatus.Delivered;
        }

        var next = policy.NextAttempt(attempts, failure, now);
        await deliveries.MarkFailedAsync(delivery.Id, attempts, failure, now, next, CancellationToken.None);
        if (next is null)
        {
            logger.LogWarning(
                "Reminder delivery {DeliveryId} to a {Kind} channel of team {Team} failed for good after {Attempts} attempt(s): {Category}",
                delivery.Id, delivery.ChannelKind, delivery.Team, attempts, failure.Category);
        }

        return next is null ? DeliveryStatus.Failed : DeliveryStatus.Retrying;
    }
}
