using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;

namespace OkrConnect.Core.Practice;

/// <summary>
/// What the evaluation knows about one team at <see cref="Now"/>: the cycles not closed yet, the team's objectives in them
/// (see <see cref="TeamScope"/>), their key results, each key result's latest
/// check-in and current risk, and whether it was at risk at the previous evaluation.
/// </summary>
public sealed record TeamReminderSnapshot(
    string Team,
    DateTimeOffset Now,
    IReadOnlyList<Cycle> Cycles,
    IReadOnlyList<Objective> Objectives,
    IReadOnlyList<KeyResult> KeyResults,
    IReadOnlyDictionary<Guid, CheckIn> LatestCheckIns,
    IReadOnlyDictionary<Guid, RiskAssessment> Risks,
    IReadOnlyDictionary<Guid, bool> PreviouslyAtRisk);

/// <summary>
/// A reminder that is due today. <see cref="SubjectId"/> is the key result (check-in due, at risk) or the cycle
/// (planning, review): at most one reminder of a kind per subject and day reaches a channel.
/// </summary>
public sealed record DueReminder(
    ReminderKind Kind,
    string Team,
    Guid SubjectId,
    DateOnly Day,
    Cycle Cycle,
    Objective? Objective = null,
    KeyResult? KeyResult = null,
    int? Days = null,
    IReadOnlyList<RiskFlag>? Reasons = null);

public sealed record KeyResultRiskState(Guid KeyResultId, bool AtRisk, IReadOnlyList<string> ReasonCodes);

public sealed record ReminderEvaluation(IReadOnlyList<DueReminder> Due, IReadOnlyList<KeyResultRiskState> RiskStates);

/// <summary>The due rules of reminders (pure: the snapshot and the time are passed in).</summary>
public static class ReminderRules
{
    public static ReminderEvaluation Evaluate(TeamReminderSnapshot snapshot, ReminderPolicy policy)
    {
        var today = DateOnly.FromDateTime(snapshot.Now.UtcDateTime);
        var due = new List<DueReminder>();
        var objectivesByCycle = snapshot.Objectives.ToLookup(o => o.CycleId);
        var keyResultsByObjective = snapshot.KeyResults.ToLookup(k => k.ObjectiveId);
        var states = new List<KeyResultRiskState>();

        foreach (var cycle in snapshot.Cycles.Where(c => !c.IsClosed).OrderBy(c => c.StartDate).ThenBy(c => c.Id))
        {
            var objectives = objectivesByCycle[cycle.Id].ToList();
            if (IsRunning(cycle, today))
            {
                foreach (var objective in objectives.OrderBy(o => o.CreatedAt).ThenBy(o => o.Id))
                {
                    foreach (var keyResult in keyResultsByObjective[objective.Id].OrderBy(k => k.CreatedAt).ThenBy(k => k.Id))
                    {
                        if (CheckInDue(snapshot, policy, cycle, objective, keyResult, today) is { } checkIn)
                        {
                            due.Add(checkIn);
                        }

                        if (snapshot.Risks.TryGetValue(keyResult.Id, out var risk))
                        {
                            states.Add(new KeyResultRiskState(keyResult.Id, risk.AtRisk, risk.Reasons.Select(r => r.Code).ToList()));
                            if (policy.AtRiskAlerts && risk.AtRisk && !snapshot.PreviouslyAtRisk.GetValueOrDefault(keyResult.Id))
                            {
                                var reasons = risk.Reasons.Select(r => new RiskFlag(r.Code, r.Actual, r.Threshold, r.Text)).ToList();
                                due.Add(new DueReminder(ReminderKind.AtRisk, snapshot.Team, keyResult.Id, today, cycle, objective, keyResult, Reasons: reasons));
                            }
                        }
                    }
                }

                var daysLeft = cycle.EndDate.DayNumber - today.DayNumber;
                if (policy.ReviewDaysBefore is { } reviewWindow && daysLeft <= reviewWindow && objectives.Count > 0)
                {
                    due.Add(new DueReminder(ReminderKind.Review, snapshot.Team, cycle.Id, today, cycle, Days: daysLeft));
                }
            }
            else if (cycle.StartDate > today && policy.PlanningDaysBefore is { } planningWindow)
            {
                var daysUntil = cycle.StartDate.DayNumber - today.DayNumber;
                if (daysUntil <= planningWindow && objectives.Count == 0)
                {
                    due.Add(new DueReminder(ReminderKind.Planning, snapshot.Team, cycle.Id, today, cycle, Days: daysUntil));
                }
            }
        }

        return new ReminderEvaluation(due, states);
    }

    /// <summary>
    /// Running by the calendar (its dates include today), whatever its state says: a cycle someone forgot to activate
    /// still needs check-ins.
    /// </summary>
    public static bool IsRunning(Cycle cycle, DateOnly today) =>
        !cycle.IsClosed && cycle.StartDate <= today && today <= cycle.EndDate;

    /// <remarks>
    /// Without any check-in the clock starts when the cycle started or the key result was created, whichever is later
    /// (the same rule as <see cref="RiskEvaluator"/>'s check-in rhythm).
    /// </remarks>
    private static DueReminder? CheckInDue(TeamReminderSnapshot snapshot, ReminderPolicy policy, Cycle cycle, Objective objective, KeyResult keyResult, DateOnly today)
    {
        if (policy.CheckInDueDays is not { } interval)
        {
            return null;
        }

        var cycleStart = new DateTimeOffset(cycle.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var since = snapshot.LatestCheckIns.TryGetValue(keyResult.Id, out var latest)
            ? latest.CreatedAt
            : keyResult.CreatedAt > cycleStart ? keyResult.CreatedAt : cycleStart;
        var silentDays = (int)Math.Floor((snapshot.Now - since).TotalDays);
        return silentDays >= interval
            ? new DueReminder(ReminderKind.CheckInDue, snapshot.Team, keyResult.Id, today, cycle, objective, keyResult, Days: silentDays)
            : null;
    }
}
