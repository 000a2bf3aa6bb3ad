using System.Globalization;

namespace OkrConnect.Core.Practice;

/// <summary>
/// Reminders as tracker comments: which kinds have one, and the marker that makes posting idempotent. Planning and
/// review reminders concern a team and a cycle, not a key result, so they have no linked epic to comment on and go to
/// the team's chat channels only.
/// </summary>
public static class TrackerReminders
{
    /// <summary>Whether reminders of this kind are about one key result (check-in due, at risk), so a tracker comment fits.</summary>
    public static bool Concerns(ReminderKind kind) => kind is ReminderKind.CheckInDue or ReminderKind.AtRisk;

    /// <summary>
    /// Unique per reminder kind, key result and day, e.g. <c>check-in-due:3f2b…:2026-11-03</c>: a retry of the same
    /// delivery finds the comment it may already have posted, and tomorrow's reminder is a new comment.
    /// </summary>
    public static string MarkerKey(ReminderKind kind, Guid keyResultId, DateOnly day) =>
        string.Create(CultureInfo.InvariantCulture, $"{KindName(kind)}:{keyResultId:D}:{day:yyyy-MM-dd}");

    private static string KindName(ReminderKind kind) => kind switch
    {
        ReminderKind.CheckInDue => "check-in-due",
        ReminderKind.AtRisk => "at-risk",
        ReminderKind.Planning => "planning",
        _ => "review",
    };
}
