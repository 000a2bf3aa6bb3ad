using System.Security.Cryptography;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;
using OkrConnect.Notifications;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// /api/teams/{team}/reminders (manager+): a team's reminder settings and chat channels, what was delivered, and a
/// test message that says what is wrong with each channel.
/// </summary>
public static class RemindersApi
{
    public static IEndpointRouteBuilder MapRemindersApi(this IEndpointRouteBuilder api)
    {
        var reminders = api.MapGroup("/teams/{team}/reminders").WithTags("Reminders").RequireAuthorization(Policies.RequireManager);
        reminders.MapPost("", CreateReminders).WithName("CreateReminders");
        reminders.MapGet("", GetReminders).WithName("GetReminders");
        reminders.MapPatch("", UpdateReminders).WithName("UpdateReminders");
        reminders.MapGet("/deliveries", ListDeliveries).WithName("ListReminderDeliveries");
        reminders.MapPost("/test", TestChannels).WithName("TestReminderChannels");
        return api;
    }

    public static async Task<Results<Created<RemindersResponse>, ValidationProblem, ProblemHttpResult>> CreateReminders(
        string team,
        CreateRemindersRequest request,
        IReminderSettingsRepository repository,
        ReminderSettingsEditor editor,
        TimeProvider clock,
        CancellationToken ct)
    {
        var errors = TeamErrors(team);
        var change = errors.IsEmpty ? editor.ForCreate(team, request, clock.GetStoredUtcNow(), errors) : null;
        if (change is null)
        {
            return Problems.Invalid(errors);
        }

        if (!await repository.InsertAsync(change.Settings, change.Channels ?? [], ct))
        {
            return Problems.Conflict($"Team {team} has reminder settings already; change them with PATCH.");
        }

        return TypedResults.Created($"/api/teams/{Uri.EscapeDataString(team)}/reminders", Respond(change.Settings, change.Channels ?? [], editor));
    }

    public static async Task<Results<Ok<RemindersResponse>, ProblemHttpResult>> GetReminders(
        string team, IReminderSettingsRepository repository, ReminderSettingsEditor editor, CancellationToken ct)
    {
        var settings = await repository.GetAsync(team, ct);
        return settings is null
            ? NoSettings(team)
            : TypedResults.Ok(Respond(settings, await repository.ListChannelsAsync(team, ct), editor));
    }

    public static async Task<Results<Ok<RemindersResponse>, ValidationProblem, ProblemHttpResult>> UpdateReminders(
        string team,
        UpdateRemindersRequest request,
        IReminderSettingsRepository repository,
        ReminderSettingsEditor editor,
        TimeProvider clock,
        CancellationToken ct)
    {
        var current = await repository.GetAsync(team, ct);
        if (current is null)
        {
            return NoSettings(team);
        }

        var channels = await repository.ListChannelsAsync(team, ct);
        var errors = new ValidationErrors();
        var change = editor.ForUpdate(current, channels, request, clock.GetStoredUtcNow(), errors);
        if (change is null)
        {
            return Problems.Invalid(errors);
        }

        await repository.UpdateAsync(change.Settings, change.Channels, ct);
        return TypedResults.Ok(Respond(change.Settings, change.Channels ?? channels, editor));
    }

    /// <summary>Newest first; <c>?status=</c> (pending, sending, delivered, retrying, failed) narrows the list.</summary>
    public static async Task<Results<Ok<Page<DeliveryResponse>>, ValidationProblem, ProblemHttpResult>> ListDeliveries(
        string team,
        string? status,
        [AsParameters] PageQuery page,
        IReminderSettingsRepository repository,
        IReminderDeliveryRepository deliveries,
        CancellationToken ct)
    {
        var errors = page.Validate();
        DeliveryStatus? only = null;
        if (status is not null)
        {
            if (Enum.TryParse<DeliveryStatus>(status, ignoreCase: true, out var parsed) && !int.TryParse(status, out _))
            {
                only = parsed;
            }
            else
            {
                errors.Add("status", "status must be one of: pending, sending, delivered, retrying, failed.");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await repository.GetAsync(team, ct) is null)
        {
            return NoSettings(team);
        }

        var found = await deliveries.ListByTeamAsync(team, only, page.Skip, page.Take, ct);
        return TypedResults.Ok(found.Map(DeliveryResponse.From));
    }

    /// <summary>Sends a test message to every channel right away and says, per channel, what went wrong.</summary>
    public static async Task<Results<Ok<IReadOnlyList<ChannelTestResponse>>, ProblemHttpResult>> TestChannels(
        string team,
        IReminderSettingsRepository repository,
        ReminderChannelSecrets secrets,
        ChatSender sender,
        CancellationToken ct)
    {
        var settings = await repository.GetAsync(team, ct);
        if (settings is null)
        {
            return NoSettings(team);
        }

        var message = ReminderMessages.Test(team, PracticeLocales.ParseOrEnglish(settings.Locale));
        var results = new List<ChannelTestResponse>();
        foreach (var channel in await repository.ListChannelsAsync(team, ct))
        {
            DeliveryFailure? failure;
            try
            {
                failure = await sender.SendAsync(channel.Kind, secrets.Open(channel), message, ct);
            }
            catch (CryptographicException)
            {
                failure = new DeliveryFailure(DeliveryFailureCategory.Configuration, "The stored webhook URL or secret can no longer be decrypted; enter them again.");
            }

            results.Add(new ChannelTestResponse(channel.Id, channel.Kind, channel.Name, failure is null, failure?.Category, failure?.Message));
        }

        return TypedResults.Ok<IReadOnlyList<ChannelTestResponse>>(results);
    }

    private static ValidationErrors TeamErrors(string team)
    {
        var errors = new ValidationErrors();
        errors.RequireText("team", team, TextLimits.Subject);
        if (team != team.Trim())
        {
            errors.Add("team", "team must not start or end with spaces.");
        }

        return errors;
    }

    private static RemindersResponse Respond(ReminderSettings settings, IReadOnlyList<ReminderChannel> channels, ReminderSettingsEditor editor) =>
        RemindersResponse.From(settings, channels.Select(editor.Describe).ToList());

    private static ProblemHttpResult NoSettings(string team) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"Team {team} has no reminder settings; create them with POST /api/teams/{team}/reminders.");
}
