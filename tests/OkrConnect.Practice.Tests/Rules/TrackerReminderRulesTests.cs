using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Practice;

namespace OkrConnect.Practice.Tests.Rules;

public sealed class TrackerReminderRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private static readonly Cycle Running = new(Guid.NewGuid(), "Q4", new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31), CycleState.Active, Now.AddDays(-60));
    private static readonly Objective Objective = new(Guid.NewGuid(), Running.Id, "Grow", null, ObjectiveLevel.Team, "web", "web", Visibility.Public, null, 1, Now);
    private static readonly KeyResult KeyResult = new(
        Guid.Parse("3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), Objective.Id, "Ship", "maria", KeyResultType.Committed, 1, MeasureKind.Work, null, null, null, null, Now);

    [Fact]
    public void Only_reminders_about_a_key_result_become_comments_marked_per_kind_key_result_and_day()
    {
        var marker = TrackerReminders.MarkerKey(ReminderKind.CheckInDue, KeyResult.Id, new DateOnly(2026, 11, 25));

        Assert.Equal("check-in-due:3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d:2026-11-25", marker);
        Assert.True(ReminderComment.IsValidMarkerKey(marker));
        Assert.True(ReminderComment.IsValidMarkerKey(TrackerReminders.MarkerKey(ReminderKind.AtRisk, KeyResult.Id, new DateOnly(2026, 1, 2))));
        Assert.NotEqual(marker, TrackerReminders.MarkerKey(ReminderKind.AtRisk, KeyResult.Id, new DateOnly(2026, 11, 25)));
        Assert.NotEqual(marker, TrackerReminders.MarkerKey(ReminderKind.CheckInDue, KeyResult.Id, new DateOnly(2026, 11, 26)));
        Assert.False(ReminderComment.IsValidMarkerKey("--> <script>"));
        Assert.False(ReminderComment.IsValidMarkerKey("a--b"));
        Assert.Equal(
            [ReminderKind.CheckInDue, ReminderKind.AtRisk],
            Enum.GetValues<ReminderKind>().Where(TrackerReminders.Concerns));
    }

    [Theory]
    [InlineData(PracticeLocale.English, "Objective", "Owner")]
    [InlineData(PracticeLocale.SimplifiedChinese, "目标", "负责人")]
    public void The_comment_leaves_the_owner_out_of_the_facts_since_it_mentions_them(PracticeLocale locale, string objectiveLabel, string ownerLabel)
    {
        var due = new DueReminder(ReminderKind.CheckInDue, "web", KeyResult.Id, new DateOnly(2026, 11, 25), Running, Objective, KeyResult, Days: 8);

        var chat = ReminderMessages.Compose(due, locale, "https://okr.example.test/");
        var comment = ReminderMessages.ComposeForTracker(due, locale, "https://okr.example.test/");

        Assert.Equal((chat.Title, chat.Text, chat.Url), (comment.Title, comment.Text, comment.Url));
        Assert.Contains(chat.Facts, f => f.Label == ownerLabel && f.Value == "maria");
        Assert.Equal([objectiveLabel], comment.Facts.Take(1).Select(f => f.Label));
        Assert.DoesNotContain(comment.Facts, f => f.Label == ownerLabel);
        Assert.Throws<ArgumentException>(() => ReminderMessages.ComposeForTracker(
            new DueReminder(ReminderKind.Planning, "web", Running.Id, new DateOnly(2026, 11, 25), Running, Days: 3), locale, "https://okr.example.test"));
    }
}
