using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Practice;

namespace OkrConnect.Practice.Tests.Rules;

public sealed class ReminderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Cycle Running = new(Guid.NewGuid(), "Q4", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), CycleState.Active, Now.AddDays(-60));

    [Fact]
    public void A_key_result_without_a_check_in_counts_from_its_creation_or_the_cycle_start()
    {
        var (objective, keyResult) = TeamKeyResult(createdAt: Now.AddDays(-6.5));

        var early = ReminderRules.Evaluate(Snapshot([objective], [keyResult]), new ReminderPolicy(7, null, null, false));
        var due = ReminderRules.Evaluate(Snapshot([objective], [keyResult], now: Now.AddDays(1)), new ReminderPolicy(7, null, null, false));

        Assert.Empty(early.Due);
        var reminder = Assert.Single(due.Due);
        Assert.Equal((ReminderKind.CheckInDue, keyResult.Id, 7, new DateOnly(2026, 11, 26)), (reminder.Kind, reminder.SubjectId, reminder.Days!.Value, reminder.Day));
    }

    [Fact]
    public void A_closed_or_finished_cycle_reminds_no_one()
    {
        var (objective, keyResult) = TeamKeyResult(createdAt: Now.AddDays(-30));
        var closed = Running with { State = CycleState.Closed };

        var evaluation = ReminderRules.Evaluate(Snapshot([objective], [keyResult], cycles: [closed]), new ReminderPolicy(7, 7, 7, true));

        Assert.Empty(evaluation.Due);
        Assert.Empty(evaluation.RiskStates);
    }

    [Fact]
    public void An_at_risk_alert_needs_a_transition()
    {
        var (objective, keyResult) = TeamKeyResult(createdAt: Now.AddDays(-1));
        var risk = new Dictionary<Guid, RiskAssessment> { [keyResult.Id] = new(true, 0.6, [new RiskReason(RiskCodes.LowConfidence, 3, 4, "low")]) };

        var fresh = ReminderRules.Evaluate(Snapshot([objective], [keyResult], risks: risk), new ReminderPolicy(null, null, null, true));
        var known = ReminderRules.Evaluate(
            Snapshot([objective], [keyResult], risks: risk, previous: new Dictionary<Guid, bool> { [keyResult.Id] = true }), new ReminderPolicy(null, null, null, true));

        Assert.Equal(ReminderKind.AtRisk, Assert.Single(fresh.Due).Kind);
        Assert.Empty(known.Due);
        Assert.True(Assert.Single(known.RiskStates).AtRisk);
    }

    private static (Objective, KeyResult) TeamKeyResult(DateTimeOffset createdAt)
    {
        var objective = new Objective(Guid.NewGuid(), Running.Id, "Grow", null, ObjectiveLevel.Team, "web", "web", Visibility.Public, null, 1, createdAt);
        var keyResult = new KeyResult(Guid.NewGuid(), objective.Id, "Ship", "maria", KeyResultType.Committed, 1, MeasureKind.Work, null, null, null, null, createdAt);
        return (objective, keyResult);
    }

    private static TeamReminderSnapshot Snapshot(
        IReadOnlyList<Objective> objectives,
        IReadOnlyList<KeyResult> keyResults,
        DateTimeOffset? now = null,
        IReadOnlyList<Cycle>? cycles = null,
        IReadOnlyDictionary<Guid, RiskAssessment>? risks = null,
        IReadOnlyDictionary<Guid, bool>? previous = null) =>
        new("web", now ?? Now, cycles ?? [Running], objectives, keyResults, new Dictionary<Guid, CheckIn>(),
            risks ?? new Dictionary<Guid, RiskAssessment>(), previous ?? new Dictionary<Guid, bool>());
}
