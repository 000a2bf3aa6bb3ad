using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Sync;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// Finds the reminders due now for every team with reminders on (Core's <see cref="ReminderRules"/> decide) and queues
/// one delivery per channel, plus, when the team has tracker comments on, one for the comment on the key result's first
/// commentable link target (<see cref="TrackerReminderTargets"/>). Safe to run twice: a delivery's unique key (channel,
/// kind, subject, day) turns a repeat into nothing, and risk states are saved only after the alerts they imply are queued.
/// </summary>
public sealed class ReminderEvaluation(
    IReminderSettingsRepository settings,
    IReminderDeliveryRepository deliveries,
    IKeyResultRiskStateRepository riskStates,
    ICycleRepository cycles,
    IObjectiveRepository objectives,
    IKeyResultRepository keyResults,
    ICheckInRepository checkIns,
    ProgressTreeLoader trees,
    TrackerReminderTargets trackerTargets,
    IOptions<PublicUrlOptions> publicUrl,
    TimeProvider clock,
    ILogger<ReminderEvaluation> logger)
{
    /// <returns>How many deliveries were queued.</returns>
    public async Task<int> RunAsync(CancellationToken ct)
    {
        var teams = await settings.ListEnabledAsync(ct);
        if (teams.Count == 0)
        {
            return 0;
        }

        var now = clock.GetUtcNow();
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var open = (await AllCyclesAsync(ct)).Where(c => !c.IsClosed && c.EndDate >= today).ToList();
        var objectivesByCycle = new Dictionary<Guid, IReadOnlyList<Objective>>();
        var keyResultsByCycle = new Dictionary<Guid, IReadOnlyList<KeyResult>>();
        foreach (var cycle in open)
        {
            objectivesByCycle[cycle.Id] = await objectives.ListByCycleAsync(cycle.Id, ct);
            keyResultsByCycle[cycle.Id] = await keyResults.ListByCycleAsync(cycle.Id, ct);
        }

        var queued = 0;
        foreach (var team in teams)
        {
            try
            {
                queued += await EvaluateTeamAsync(team, open, objectivesByCycle, keyResultsByCycle, now, ct);
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                // One team's bad data must not keep the others' reminders back.
                logger.LogError(ex, "Reminders of team {Team} could not be evaluated", team.Team);
            }
        }

        return queued;
    }

    private async Task<int> EvaluateTeamAsync(
        ReminderSettings team,
        List<Cycle> open,
        Dictionary<Guid, IReadOnlyList<Objective>> objectivesByCycle,
        Dictionary<Guid, IReadOnlyList<KeyResult>> keyResultsByCycle,
        DateTimeOffset now,
        CancellationToken ct)
    {
        var channels = await settings.ListChannelsAsync(team.Team, ct);
        if (channels.Count == 0 && !team.Policy.TrackerComments)
        {
            return 0;
        }

        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var teamObjectives = open.SelectMany(c => objectivesByCycle[c.Id]).Where(o => TeamScope.BelongsTo(o, team.Team)).ToList();
        var objectiveIds = teamObjectives.Select(o => o.Id).ToHashSet();
        var teamKeyResults = open.SelectMany(c => keyResultsByCycle[c.Id]).Where(k => objectiveIds.Contains(k.ObjectiveId)).ToList();
        var keyResultIds = teamKeyResults.Select(k => k.Id).ToList();

        var running = open.Where(c => ReminderRules.IsRunning(c, today)).Select(c => c.Id).ToHashSet();
        var risks = new Dictionary<Guid, RiskAssessment>();
        var runningObjectives = teamObjectives.Where(o => running.Contains(o.CycleId)).ToList();
        if (runningObjectives.Count > 0)
        {
            var tree = await trees.LoadAsync(runningObjectives, rootKeyResults: null, ct);
            foreach (var keyResult in teamKeyResults.Where(k => tree.Graph.FindKeyResult(k.Id) is not null))
            {
                risks[keyResult.Id] = tree.Risk(keyResult);
            }
        }

        var snapshot = new TeamReminderSnapshot(
            team.Team,
            now,
            open,
            teamObjectives,
            teamKeyResults,
            keyResultIds.Count == 0 ? new Dictionary<Guid, CheckIn>() : await checkIns.GetLatestAsync(keyResultIds, ct),
            risks,
            await riskStates.GetAsync(keyResultIds, ct));
        var evaluation = ReminderRules.Evaluate(snapshot, team.Policy);

        var locale = PracticeLocales.ParseOrEnglish(team.Locale);
        var queued = 0;
        foreach (var due in evaluation.Due)
        {
            var message = ReminderMessageJson.Write(ReminderMessages.Compose(due, locale, publicUrl.Value.PublicBaseUrl));
            foreach (var channel in channels)
            {
                var delivery = new ReminderDelivery(
                    Guid.NewGuid(), team.Team, channel.Id, channel.Kind, due.Kind, due.SubjectId, due.Day, message, DeliveryStatus.Pending, 0, now, now);
                if (await deliveries.TryAddAsync(delivery, ct))
                {
                    queued++;
                }
            }

            if (team.Policy.TrackerComments && await trackerTargets.FindAsync(due, ct) is { } target)
            {
                var comment = ReminderMessageJson.WriteTracker(TrackerReminderMessage.From(
                    ReminderMessages.ComposeForTracker(due, locale, publicUrl.Value.PublicBaseUrl), target));
                var delivery = new ReminderDelivery(
                    Guid.NewGuid(), team.Team, TrackerReminderChannel.ChannelId, TrackerReminderChannel.Kind, due.Kind, due.SubjectId, due.Day, comment, DeliveryStatus.Pending, 0, now, now);
                if (await deliveries.TryAddAsync(delivery, ct))
                {
                    queued++;
                }
            }
        }

        await riskStates.SaveAsync(evaluation.RiskStates, now, ct);
        return queued;
    }

    private async Task<List<Cycle>> AllCyclesAsync(CancellationToken ct)
    {
        const int pageSize = 200;
        var all = new List<Cycle>();
        for (var offset = 0; ; offset += pageSize)
        {
            var page = await cycles.ListAsync(offset, pageSize, ct);
            all.AddRange(page.Items);
            if (page.Items.Count < pageSize)
            {
                return all;
            }
        }
    }
}
