using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// The tracker as one more reminder channel. Its deliveries live in <c>reminder_deliveries</c> beside the chat ones under
/// the fixed <see cref="ChannelId"/>, so the unique key (channel, kind, subject, day) allows one comment per key result,
/// kind and day, and retries, claims and the deliveries list work unchanged.
/// </summary>
public static class TrackerReminderChannel
{
    /// <summary>The channel id of every tracker-comment delivery (no chat channel has it: theirs are random).</summary>
    public static readonly Guid ChannelId = new("6f6b7263-0000-4000-8000-747261636b72");

    /// <summary>The delivery's <c>channelKind</c> on the wire.</summary>
    public const string Kind = "tracker-comment";

    public static bool Carries(ReminderDelivery delivery) => delivery.ChannelId == ChannelId;
}

/// <summary>
/// Where a reminder comment goes, fixed when the reminder falls due: the connector, the link target, the owner (an
/// OkrConnect subject, mapped to a tracker account only when the comment is sent) and the marker key.
/// </summary>
public sealed record TrackerReminderTarget(Guid ConnectorId, string ConnectorKind, string TargetKind, string TargetKey, string Owner, string Marker);

/// <summary>
/// A tracker delivery's stored message: the chat message's fields (so the deliveries list reads its title like any
/// other) plus <see cref="Tracker"/>.
/// </summary>
public sealed record TrackerReminderMessage(
    string Title,
    string Text,
    IReadOnlyList<ChatFact> Facts,
    ChatTone Tone,
    string? Url,
    string? UrlLabel,
    TrackerReminderTarget Tracker)
{
    public static TrackerReminderMessage From(ChatMessage message, TrackerReminderTarget tracker) =>
        new(message.Title, message.Text, message.Facts, message.Tone, message.Url, message.UrlLabel, tracker);
}

/// <summary>
/// Finds a key result's first linked target (links in creation order) whose connector is enabled, whose implementation
/// declares <see cref="ConnectorCapabilities.ReminderComments"/>, and that can hold a comment (a Jira epic, a GitHub
/// parent issue; not a query, milestone or label set). Connectors are read once per evaluation (scoped).
/// </summary>
public sealed class TrackerReminderTargets(ILinkRepository links, IConnectorRepository connectors, ConnectorCatalog catalog)
{
    private readonly Dictionary<Guid, (ConnectorConfig? Config, IReminderCommenter? Commenter)> _connectors = [];

    public async Task<TrackerReminderTarget?> FindAsync(DueReminder due, CancellationToken ct)
    {
        if (!TrackerReminders.Concerns(due.Kind) || due.KeyResult is not { } keyResult)
        {
            return null;
        }

        foreach (var link in (await links.ListByKeyResultAsync(keyResult.Id, ct)).OrderBy(l => l.CreatedAt).ThenBy(l => l.Id))
        {
            var (config, commenter) = await ConnectorAsync(link.ConnectorId, ct);
            if (config is { Enabled: true } && commenter is not null && commenter.CanComment(new TargetRef(link.TargetKind, link.TargetKey)))
            {
                return new TrackerReminderTarget(
                    config.Id, config.Kind, link.TargetKind, link.TargetKey, keyResult.Owner, TrackerReminders.MarkerKey(due.Kind, keyResult.Id, due.Day));
            }
        }

        return null;
    }

    private async Task<(ConnectorConfig?, IReminderCommenter?)> ConnectorAsync(Guid id, CancellationToken ct)
    {
        if (!_connectors.TryGetValue(id, out var known))
        {
            var config = await connectors.GetAsync(id, ct);
            var implementation = config is null ? null : catalog.Find(config.Kind);
            known = (config, implementation?.AsReminderCommenter());
            _connectors[id] = known;
        }

        return known;
    }
}

/// <summary>
/// Sends one tracker delivery: checks the team still wants tracker comments and the connector is still there and on,
/// maps the owner to their tracker account (none: the owner is named in plain text), and asks the connector to post
/// the comment, bounded by <see cref="ReminderOptions.TrackerTimeout"/>. Tracker failures come back as delivery
/// failures of the matching category, so the dispatcher retries them like a chat channel's.
/// </summary>
public sealed class TrackerReminderSender(
    IReminderSettingsRepository settings,
    ConnectorContextLoader contexts,
    ITrackerAccountRepository accounts,
    IOptions<ReminderOptions> options,
    ILogger<TrackerReminderSender> logger)
{
    public async Task<DeliveryFailure?> SendAsync(ReminderDelivery delivery, CancellationToken ct)
    {
        if (ReminderMessageJson.ReadTracker(delivery.MessageJson) is not { } message)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Permanent, "The stored message cannot be read.");
        }

        var tracker = message.Tracker;
        if (await settings.GetAsync(delivery.Team, ct) is not { Policy.TrackerComments: true })
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, $"Tracker comments were turned off for team {delivery.Team}.");
        }

        ConnectorContext? context;
        try
        {
            context = await contexts.LoadAsync(tracker.ConnectorId, ct);
        }
        catch (CryptographicException)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, $"The credentials of connector {tracker.ConnectorId} can no longer be decrypted; enter them again.");
        }

        if (context is null)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, $"Connector {tracker.ConnectorId} was deleted, or no {tracker.ConnectorKind} tracker is installed.");
        }

        if (!context.Config.Enabled)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, $"Connector {context.Config.Name} is disabled.");
        }

        if (context.Connector.AsReminderCommenter() is not { } commenter)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, $"{context.Config.Kind} connectors cannot post reminder comments.");
        }

        var account = await accounts.GetAsync(tracker.ConnectorId, tracker.Owner, ct);
        var request = new ReminderComment(
            new TargetRef(tracker.TargetKind, tracker.TargetKey),
            tracker.Marker,
            tracker.Owner,
            account?.Account,
            message.Title,
            message.Text,
            message.Facts.Select(f => new ReminderCommentFact(f.Label, f.Value)).ToList(),
            message.Url,
            message.UrlLabel);

        var timeout = options.Value.TrackerTimeout;
        using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
        bounded.CancelAfter(timeout);
        try
        {
            var result = await commenter.PostReminderAsync(context.Settings, request, bounded.Token);
            logger.LogInformation(
                "Reminder {DeliveryId} is comment {CommentId} on {TargetKind} {TargetKey} ({Outcome})",
                delivery.Id, result.CommentId, tracker.TargetKind, tracker.TargetKey, result.Created ? "created" : "found from an earlier attempt");
            return null;
        }
        catch (TrackerException ex)
        {
            return Failure(ex, context.Config, request.Target);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Transient, $"{context.Config.Name} did not answer within {timeout.TotalSeconds:0} s.");
        }
    }

    private static DeliveryFailure Failure(TrackerException ex, ConnectorConfig connector, TargetRef target)
    {
        var where = $"{connector.Name} ({target.Kind} {target.Key})";
        return ex.Category switch
        {
            TrackerErrorCategory.RateLimited => new(DeliveryFailureCategory.RateLimited, $"{where}: {ex.Message}", ex.RetryAfter),
            TrackerErrorCategory.Transient or TrackerErrorCategory.InvalidResponse => new(DeliveryFailureCategory.Transient, $"{where}: {ex.Message}", ex.RetryAfter),
            TrackerErrorCategory.Unavailable => new(DeliveryFailureCategory.Unavailable, $"{where}: {ex.Message}", ex.RetryAfter),
            TrackerErrorCategory.Authentication => new(DeliveryFailureCategory.Authentication, $"{where}: {ex.Message}"),
            TrackerErrorCategory.NotFound => new(DeliveryFailureCategory.Configuration, $"{where}: the target is gone or the connector's account cannot see it: {ex.Message}"),
            _ => new(DeliveryFailureCategory.Permanent, $"{where}: {ex.Message}"),
        };
    }
}
