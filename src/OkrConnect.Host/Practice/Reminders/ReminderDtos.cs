using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// A team's reminders. Days: absent means the default (7), null turns that reminder off. checkInDueDays 1–90,
/// planningDaysBefore 1–90, reviewDaysBefore 0–90. locale is "en" (default) or "zh-CN". trackerComments (default
/// false): check-in-due and at-risk reminders are also posted as a comment on the key result's first linked epic or
/// parent issue, mentioning the owner through their mapped tracker account (/api/connectors/{id}/accounts).
/// </summary>
public sealed record CreateRemindersRequest(
    string? Locale,
    bool? Enabled,
    Optional<int?> CheckInDueDays,
    Optional<int?> PlanningDaysBefore,
    Optional<int?> ReviewDaysBefore,
    bool? AtRiskAlerts,
    bool? TrackerComments,
    IReadOnlyList<ChannelRequest>? Channels);

/// <summary>
/// Only the fields present change. <c>channels</c>, when present, is the complete new list: an entry with the id of an
/// existing channel keeps its webhook URL (also when the masked URL is sent back) and secret unless they are sent;
/// an entry without id is a new channel; channels left out are removed.
/// </summary>
public sealed record UpdateRemindersRequest(
    Optional<string?> Locale,
    Optional<bool?> Enabled,
    Optional<int?> CheckInDueDays,
    Optional<int?> PlanningDaysBefore,
    Optional<int?> ReviewDaysBefore,
    Optional<bool?> AtRiskAlerts,
    Optional<bool?> TrackerComments,
    Optional<IReadOnlyList<ChannelRequest>?> Channels);

/// <summary>
/// A chat channel: kind is "slack", "teams", "feishu", "dingtalk" or "wecom". webhookUrl and secret are write-only: they
/// are stored encrypted and never returned. secret: null removes it.
/// </summary>
public sealed record ChannelRequest(
    Guid? Id,
    string? Kind,
    Optional<string?> Name,
    Optional<string?> WebhookUrl,
    Optional<string?> Secret);

/// <summary>A team's reminders; channel addresses are masked and secrets shown only as <c>hasSecret</c>.</summary>
public sealed record RemindersResponse(
    string Team,
    string Locale,
    bool Enabled,
    int? CheckInDueDays,
    int? PlanningDaysBefore,
    int? ReviewDaysBefore,
    bool AtRiskAlerts,
    bool TrackerComments,
    IReadOnlyList<ChannelResponse> Channels,
    DateTimeOffset CreatedAt,
    DateTimeOffset UpdatedAt)
{
    public static RemindersResponse From(ReminderSettings settings, IReadOnlyList<ChannelResponse> channels) => new(
        settings.Team,
        settings.Locale,
        settings.Enabled,
        settings.Policy.CheckInDueDays,
        settings.Policy.PlanningDaysBefore,
        settings.Policy.ReviewDaysBefore,
        settings.Policy.AtRiskAlerts,
        settings.Policy.TrackerComments,
        channels,
        settings.CreatedAt,
        settings.UpdatedAt);
}

/// <summary><see cref="WebhookUrl"/> is masked to scheme and host ("https://hooks.slack.com/…"): its path holds the token.</summary>
public sealed record ChannelResponse(Guid Id, string Kind, string? Name, string WebhookUrl, bool HasSecret);

/// <summary>
/// One reminder for one channel, and how its delivery went. A tracker comment has channelKind "tracker-comment" and
/// says where it goes in <see cref="Tracker"/>; chat deliveries have none.
/// </summary>
public sealed record DeliveryResponse(
    Guid Id,
    Guid ChannelId,
    string ChannelKind,
    ReminderKind Kind,
    Guid SubjectId,
    DateOnly Day,
    string Title,
    DeliveryStatus Status,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset? NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    string? LastError,
    DeliveryFailureCategory? FailureCategory,
    TrackerDeliveryResponse? Tracker)
{
    public static DeliveryResponse From(ReminderDelivery d) => new(
        d.Id,
        d.ChannelId,
        d.ChannelKind,
        d.Kind,
        d.SubjectId,
        d.Day,
        ReminderMessageJson.Read(d.MessageJson)?.Title ?? "",
        d.Status,
        d.Attempts,
        d.CreatedAt,
        d.Status is DeliveryStatus.Pending or DeliveryStatus.Retrying ? d.NextAttemptAt : null,
        d.DeliveredAt,
        d.LastError,
        d.FailureCategory,
        TrackerReminderChannel.Carries(d) && ReminderMessageJson.ReadTracker(d.MessageJson)?.Tracker is { } t
            ? new TrackerDeliveryResponse(t.ConnectorId, t.ConnectorKind, t.TargetKind, t.TargetKey, t.Owner)
            : null);
}

/// <summary>Where a tracker comment goes: the connector, the link target and the owner it mentions (or names).</summary>
public sealed record TrackerDeliveryResponse(Guid ConnectorId, string ConnectorKind, string TargetKind, string TargetKey, string Owner);

/// <summary>What a test message to each channel did.</summary>
public sealed record ChannelTestResponse(Guid ChannelId, string Kind, string? Name, bool Delivered, DeliveryFailureCategory? FailureCategory, string? Error);
