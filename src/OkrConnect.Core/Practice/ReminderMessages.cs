using System.Globalization;

namespace OkrConnect.Core.Practice;

/// <summary>The text of each reminder, in English or Simplified Chinese. Links point at the OkrConnect web address.</summary>
public static class ReminderMessages
{
    public static ChatMessage Compose(DueReminder reminder, PracticeLocale locale, string publicBaseUrl) =>
        Compose(reminder, locale, publicBaseUrl, ownerFact: true);

    /// <summary>
    /// The same message for a tracker comment about a key result: the comment mentions (or names) the owner before the
    /// text, so the owner is not repeated among the facts. Only for kinds that concern a key result
    /// (<see cref="TrackerReminders.Concerns"/>).
    /// </summary>
    public static ChatMessage ComposeForTracker(DueReminder reminder, PracticeLocale locale, string publicBaseUrl) =>
        TrackerReminders.Concerns(reminder.Kind) && reminder.KeyResult is not null
            ? Compose(reminder, locale, publicBaseUrl, ownerFact: false)
            : throw new ArgumentException($"A {reminder.Kind} reminder concerns no key result and has no tracker comment.", nameof(reminder));

    private static ChatMessage Compose(DueReminder reminder, PracticeLocale locale, string publicBaseUrl, bool ownerFact)
    {
        var zh = locale == PracticeLocale.SimplifiedChinese;
        var baseUrl = publicBaseUrl.TrimEnd('/');
        return reminder.Kind switch
        {
            ReminderKind.CheckInDue => CheckInDue(reminder, zh, baseUrl, ownerFact),
            ReminderKind.AtRisk => AtRisk(reminder, zh, baseUrl, locale, ownerFact),
            ReminderKind.Planning => Planning(reminder, zh, baseUrl),
            _ => Review(reminder, zh, baseUrl),
        };
    }

    /// <summary>A message that only proves a channel works.</summary>
    public static ChatMessage Test(string team, PracticeLocale locale) => locale == PracticeLocale.SimplifiedChinese
        ? new ChatMessage("OkrConnect 测试消息", $"团队 {team} 的提醒渠道已配置成功。", [], ChatTone.Info)
        : new ChatMessage("OkrConnect test message", $"Reminders for team {team} reach this channel.", [], ChatTone.Info);

    private static ChatMessage CheckInDue(DueReminder r, bool zh, string baseUrl, bool ownerFact)
    {
        var keyResult = r.KeyResult!;
        var objective = r.Objective!;
        return zh
            ? new ChatMessage(
                $"该签到了:{keyResult.Title}",
                $"关键结果“{keyResult.Title}”已有 {r.Days} 天没有签到,请更新信心指数和进展。",
                KeyResultFacts(new("目标", objective.Title), new("负责人", keyResult.Owner), new("周期", r.Cycle.Name), ownerFact),
                ChatTone.Info,
                KeyResultUrl(baseUrl, keyResult.Id),
                "签到")
            : new ChatMessage(
                $"Check-in due: {keyResult.Title}",
                $"“{keyResult.Title}” has had no check-in for {r.Days} days. Please add one with your confidence and progress.",
                KeyResultFacts(new("Objective", objective.Title), new("Owner", keyResult.Owner), new("Cycle", r.Cycle.Name), ownerFact),
                ChatTone.Info,
                KeyResultUrl(baseUrl, keyResult.Id),
                "Check in");
    }

    private static ChatMessage AtRisk(DueReminder r, bool zh, string baseUrl, PracticeLocale locale, bool ownerFact)
    {
        var keyResult = r.KeyResult!;
        var objective = r.Objective!;
        var reasons = string.Join(zh ? ";" : "; ", (r.Reasons ?? []).Select(flag => RiskText.For(locale, flag)));
        return zh
            ? new ChatMessage(
                $"有风险:{keyResult.Title}",
                $"关键结果“{keyResult.Title}”出现风险:{reasons}。",
                KeyResultFacts(new("目标", objective.Title), new("负责人", keyResult.Owner), new("周期", r.Cycle.Name), ownerFact),
                ChatTone.Alert,
                KeyResultUrl(baseUrl, keyResult.Id),
                "查看")
            : new ChatMessage(
                $"At risk: {keyResult.Title}",
                $"“{keyResult.Title}” is now at risk: {reasons}.",
                KeyResultFacts(new("Objective", objective.Title), new("Owner", keyResult.Owner), new("Cycle", r.Cycle.Name), ownerFact),
                ChatTone.Alert,
                KeyResultUrl(baseUrl, keyResult.Id),
                "Open");
    }

    private static ChatMessage Planning(DueReminder r, bool zh, string baseUrl)
    {
        var start = Day(r.Cycle.StartDate);
        return zh
            ? new ChatMessage(
                $"规划下一周期:{r.Cycle.Name}",
                $"周期 {r.Cycle.Name} 将于 {start} 开始(还有 {r.Days} 天),团队 {r.Team} 还没有制定任何目标。",
                [new("团队", r.Team), new("开始日期", start)],
                ChatTone.Warning,
                CycleUrl(baseUrl, r.Cycle.Id),
                "去规划")
            : new ChatMessage(
                $"Plan the next cycle: {r.Cycle.Name}",
                $"{r.Cycle.Name} starts on {start} (in {r.Days} days) and team {r.Team} has no objectives in it yet.",
                [new("Team", r.Team), new("Starts", start)],
                ChatTone.Warning,
                CycleUrl(baseUrl, r.Cycle.Id),
                "Plan");
    }

    private static ChatMessage Review(DueReminder r, bool zh, string baseUrl)
    {
        var end = Day(r.Cycle.EndDate);
        return zh
            ? new ChatMessage(
                $"复盘提醒:{r.Cycle.Name}",
                $"周期 {r.Cycle.Name} 将于 {end} 结束(还剩 {r.Days} 天),请团队 {r.Team} 准备复盘和评分。",
                [new("团队", r.Team), new("结束日期", end)],
                ChatTone.Warning,
                CycleUrl(baseUrl, r.Cycle.Id),
                "去复盘")
            : new ChatMessage(
                $"Review time: {r.Cycle.Name}",
                $"{r.Cycle.Name} ends on {end} ({r.Days} days left). Time for team {r.Team} to review and score its key results.",
                [new("Team", r.Team), new("Ends", end)],
                ChatTone.Warning,
                CycleUrl(baseUrl, r.Cycle.Id),
                "Review");
    }

    private static List<ChatFact> KeyResultFacts(ChatFact objective, ChatFact owner, ChatFact cycle, bool ownerFact) =>
        ownerFact ? [objective, owner, cycle] : [objective, cycle];

    private static string KeyResultUrl(string baseUrl, Guid id) => $"{baseUrl}/key-results/{id:D}";

    private static string CycleUrl(string baseUrl, Guid id) => $"{baseUrl}/cycles/{id:D}";

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
}
