using System.Security.Cryptography;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Common;
using OkrConnect.Notifications;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>A validated change: the settings and (when they change) the complete list of channels to store.</summary>
public sealed record ReminderChange(ReminderSettings Settings, IReadOnlyList<ReminderChannel>? Channels);

/// <summary>
/// Turns reminder requests into what is stored, validating everything first (each channel by its platform's own
/// rules) and encrypting webhook addresses and secrets. A masked address sent back keeps the stored one.
/// </summary>
public sealed class ReminderSettingsEditor(ChatChannelCatalog catalog, ReminderChannelSecrets secrets)
{
    public const int MaxChannels = 10;
    public const int MaxUrlLength = 2000;

    public ReminderChange? ForCreate(string team, CreateRemindersRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        var locale = Locale(request.Locale ?? PracticeLocales.EnglishTag, errors);
        var policy = new ReminderPolicy(
            Days(errors, "checkInDueDays", request.CheckInDueDays, 1, new ReminderPolicy().CheckInDueDays),
            Days(errors, "planningDaysBefore", request.PlanningDaysBefore, 1, new ReminderPolicy().PlanningDaysBefore),
            Days(errors, "reviewDaysBefore", request.ReviewDaysBefore, 0, new ReminderPolicy().ReviewDaysBefore),
            request.AtRiskAlerts ?? true,
            request.TrackerComments ?? false);
        var channels = Channels(team, request.Channels ?? [], new Dictionary<Guid, ReminderChannel>(), now, errors);
        return errors.IsEmpty
            ? new ReminderChange(new ReminderSettings(team, locale, request.Enabled ?? true, policy, now, now), channels)
            : null;
    }

    public ReminderChange? ForUpdate(
        ReminderSettings current, IReadOnlyList<ReminderChannel> currentChannels, UpdateRemindersRequest request, DateTimeOffset now, ValidationErrors errors)
    {
        foreach (var (field, cleared) in new[]
        {
            ("locale", request.Locale.IsSetToNull), ("enabled", request.Enabled.IsSetToNull), ("atRiskAlerts", request.AtRiskAlerts.IsSetToNull),
            ("channels", request.Channels.IsSetToNull), ("trackerComments", request.TrackerComments.IsSetToNull),
        })
        {
            if (cleared)
            {
                errors.Add(field, $"{field} cannot be removed.");
            }
        }

        var locale = request.Locale.Value is { } tag ? Locale(tag, errors) : current.Locale;
        var policy = new ReminderPolicy(
            Days(errors, "checkInDueDays", request.CheckInDueDays, 1, current.Policy.CheckInDueDays),
            Days(errors, "planningDaysBefore", request.PlanningDaysBefore, 1, current.Policy.PlanningDaysBefore),
            Days(errors, "reviewDaysBefore", request.ReviewDaysBefore, 0, current.Policy.ReviewDaysBefore),
            request.AtRiskAlerts.Value ?? current.Policy.AtRiskAlerts,
            request.TrackerComments.Value ?? current.Policy.TrackerComments);
        var channels = request.Channels.Value is { } list
            ? Channels(current.Team, list, currentChannels.ToDictionary(c => c.Id), now, errors)
            : null;
        var settings = current with
        {
            Locale = locale,
            Enabled = request.Enabled.Value ?? current.Enabled,
            Policy = policy,
            UpdatedAt = now,
        };
        return errors.IsEmpty ? new ReminderChange(settings, channels) : null;
    }

    public ChannelResponse Describe(ReminderChannel channel) =>
        new(channel.Id, channel.Kind, channel.Name, secrets.MaskedUrl(channel), channel.ProtectedSecret is not null);

    private List<ReminderChannel> Channels(
        string team, IReadOnlyList<ChannelRequest?> requests, Dictionary<Guid, ReminderChannel> existing, DateTimeOffset now, ValidationErrors errors)
    {
        if (requests.Count > MaxChannels)
        {
            errors.Add("channels", $"A team can have at most {MaxChannels} channels (got {requests.Count}).");
        }

        var result = new List<ReminderChannel>();
        var seen = new HashSet<Guid>();
        for (var i = 0; i < requests.Count; i++)
        {
            var path = $"channels[{i}]";
            if (requests[i] is not { } request)
            {
                errors.Add(path, $"{path} must be an object.");
                continue;
            }

            if (request.Id is { } id && !seen.Add(id))
            {
                errors.Add($"{path}.id", $"Channel {id} is listed twice.");
                continue;
            }

            if (Channel(team, request, existing, now.AddTicks(i * 10), path, errors) is { } channel)
            {
                result.Add(channel);
            }
        }

        return result;
    }

    private ReminderChannel? Channel(
        string team, ChannelRequest request, Dictionary<Guid, ReminderChannel> existing, DateTimeOffset createdAt, string path, ValidationErrors errors)
    {
        ReminderChannel? stored = null;
        if (request.Id is { } id && !existing.TryGetValue(id, out stored))
        {
            errors.Add($"{path}.id", $"Channel {id} does not belong to team {team}; leave id out to add a channel.");
            return null;
        }

        var kind = request.Kind?.Trim() ?? stored?.Kind;
        if (kind is null)
        {
            errors.Add($"{path}.kind", $"{path}.kind is required.");
            return null;
        }

        if (catalog.Find(kind) is not { } platform)
        {
            errors.Add($"{path}.kind", $"{path}.kind must be one of: {string.Join(", ", catalog.Kinds)} (got \"{kind}\").");
            return null;
        }

        if (stored is not null && stored.Kind != kind)
        {
            errors.Add($"{path}.kind", $"A channel's kind cannot change ({stored.Kind} → {kind}); remove it and add a new one.");
            return null;
        }

        if (request.WebhookUrl.IsSetToNull || (stored is null && !request.WebhookUrl.IsSet))
        {
            errors.Add($"{path}.webhookUrl", $"{path}.webhookUrl is required.");
            return null;
        }

        if (request.WebhookUrl.Value is { Length: > MaxUrlLength } longUrl)
        {
            errors.Add($"{path}.webhookUrl", $"{path}.webhookUrl must be at most {MaxUrlLength} characters (got {longUrl.Length}).");
            return null;
        }

        errors.OptionalText($"{path}.name", request.Name.Value, TextLimits.Name);
        if (Settings(request, stored, path, errors) is not { } settings)
        {
            return null;
        }

        var problems = platform.Validate(settings);
        foreach (var problem in problems)
        {
            errors.Add(path, problem);
        }

        if (problems.Count > 0)
        {
            return null;
        }

        return new ReminderChannel(
            stored?.Id ?? Guid.NewGuid(),
            team,
            kind,
            request.Name.IsSet ? request.Name.Value?.Trim() : stored?.Name,
            secrets.Protect(settings.WebhookUrl),
            settings.Secret is null ? null : secrets.Protect(settings.Secret),
            stored?.CreatedAt ?? createdAt);
    }

    /// <summary>The plaintext settings after the request: sent values win, the rest comes from the stored channel.</summary>
    private ChatChannelSettings? Settings(ChannelRequest request, ReminderChannel? stored, string path, ValidationErrors errors)
    {
        ChatChannelSettings? current = null;
        if (stored is not null)
        {
            try
            {
                current = secrets.Open(stored);
            }
            catch (CryptographicException) when (request.WebhookUrl.IsSet && (request.Secret.IsSet || stored.ProtectedSecret is null))
            {
                // The key ring lost the stored values, but the request replaces every one of them.
            }
            catch (CryptographicException)
            {
                errors.Add(path, $"{path}: the stored webhook URL or secret can no longer be decrypted; send webhookUrl and secret again.");
                return null;
            }
        }

        var sentUrl = request.WebhookUrl.IsSet ? request.WebhookUrl.Value!.Trim() : null;
        var url = sentUrl is not null && (current is null || sentUrl != WebhookAddress.Mask(current.WebhookUrl)) ? sentUrl : current!.WebhookUrl;
        var secret = request.Secret.IsSet ? request.Secret.Value : current?.Secret;
        return new ChatChannelSettings(url, secret);
    }

    private static string Locale(string tag, ValidationErrors errors)
    {
        if (PracticeLocales.TryParse(tag, out var locale))
        {
            return locale.Tag();
        }

        errors.Add("locale", $"locale must be one of: {string.Join(", ", PracticeLocales.Tags)} (got \"{tag}\").");
        return PracticeLocales.EnglishTag;
    }

    private static int? Days(ValidationErrors errors, string field, Optional<int?> value, int min, int? current)
    {
        if (!value.IsSet)
        {
            return current;
        }

        if (value.Value is { } days && (days < min || days > ReminderPolicy.MaxDays))
        {
            errors.Add(field, $"{field} must be between {min} and {ReminderPolicy.MaxDays}, or null to turn it off (got {days}).");
        }

        return value.Value;
    }
}
