namespace OkrConnect.Core.Practice;

/// <summary>What a reminder is about. Wire and database names are kebab case: "check-in-due", "planning", "review", "at-risk".</summary>
public enum ReminderKind
{
    /// <summary>A key result has had no check-in for the team's configured number of days.</summary>
    CheckInDue,

    /// <summary>The next cycle starts soon and the team has no objectives in it.</summary>
    Planning,

    /// <summary>The running cycle ends soon: time to review and score.</summary>
    Review,

    /// <summary>A key result turned at risk since the last evaluation.</summary>
    AtRisk,
}

/// <summary>
/// A team's reminder rules. A null number of days turns that reminder off. Limits keep a typo from meaning "every day
/// for a year". <see cref="TrackerComments"/>: reminders about a key result (check-in due, at risk) are also posted as
/// a comment on its first linked target that can hold one, mentioning the owner (see <see cref="TrackerReminders"/>).
/// </summary>
public sealed record ReminderPolicy(
    int? CheckInDueDays = 7, int? PlanningDaysBefore = 7, int? ReviewDaysBefore = 7, bool AtRiskAlerts = true, bool TrackerComments = false)
{
    public const int MaxDays = 90;
}
