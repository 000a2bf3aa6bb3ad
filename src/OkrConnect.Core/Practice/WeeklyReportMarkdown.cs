using System.Globalization;
using System.Text;

namespace OkrConnect.Core.Practice;

/// <summary>The weekly report as Markdown (CommonMark with GFM tables), in English or Simplified Chinese.</summary>
public static class WeeklyReportMarkdown
{
    public static string Render(WeeklyReport report, PracticeLocale locale)
    {
        var text = ReportText.For(locale);
        var md = new StringBuilder();
        md.Append("# ").AppendLine(Inline(text.Title(report.Week, report.CycleName))).AppendLine();
        md.Append("**").Append(text.TeamLabel).Append(":** ").Append(Inline(report.Team ?? text.AllTeams))
            .Append(" · ").Append(text.Period(Day(report.WeekStart), Day(report.WeekEnd)))
            .Append(" · ").AppendLine(text.AsOf(Instant(report.AsOf), Instant(report.Baseline)))
            .AppendLine();
        md.AppendLine(text.SummaryLine(report.Summary)).AppendLine();

        if (report.Objectives.Count == 0)
        {
            md.AppendLine(text.NoObjectives);
            return md.ToString();
        }

        foreach (var objective in report.Objectives)
        {
            AppendObjective(md, objective, text);
        }

        return md.ToString();
    }

    private static void AppendObjective(StringBuilder md, ObjectiveWeek objective, ReportText text)
    {
        md.Append("## ").Append(Inline(objective.Title)).Append(" — ").Append(PracticeNumbers.Percent(objective.Progress.Now))
            .Append(" (").Append(PracticeNumbers.Points(objective.Progress.Change, text.Points)).Append(')');
        if (objective.AtRisk)
        {
            md.Append(" ⚠ ").Append(text.AtRiskBadge);
        }

        md.AppendLine().AppendLine();
        if (objective.Plus is { } plus)
        {
            md.Append(text.Plus).Append(": ").AppendLine(PracticeNumbers.Percent(plus)).AppendLine();
        }

        if (objective.KeyResults.Count == 0)
        {
            return;
        }

        md.Append("| ").Append(text.KeyResult).Append(" | ").Append(text.Progress).Append(" | ").Append(text.Change)
            .Append(" | ").Append(text.ConfidenceHeader).Append(" | ").Append(text.CheckIn).Append(" | ").Append(text.Risk).AppendLine(" |");
        md.AppendLine("| --- | --- | --- | --- | --- | --- |");
        foreach (var keyResult in objective.KeyResults)
        {
            var title = Cell(keyResult.Title) + (keyResult.Type == Domain.KeyResultType.Aspirational ? $" ({text.Aspirational})" : "");
            var risk = keyResult.Risks.Count == 0 ? "–" : Cell(string.Join("; ", keyResult.Risks.Select(text.RiskReason)));
            md.Append("| ").Append(title)
                .Append(" | ").Append(PracticeNumbers.Percent(keyResult.Progress.Now))
                .Append(" | ").Append(PracticeNumbers.Points(keyResult.Progress.Change, text.Points))
                .Append(" | ").Append(Confidence(keyResult.Confidence, text))
                .Append(" | ").Append(keyResult.CheckedInThisWeek ? text.CheckedIn : text.Missing)
                .Append(" | ").Append(risk).AppendLine(" |");
        }

        md.AppendLine();
        var problems = objective.KeyResults.SelectMany(k => k.LinkProblems.Select(p => (k, p))).ToList();
        if (problems.Count == 0)
        {
            return;
        }

        md.Append(text.LinkProblems).AppendLine(":").AppendLine();
        foreach (var (keyResult, problem) in problems)
        {
            md.Append("- ").Append(Inline(keyResult.Title)).Append(" → ").Append(Inline(problem.TargetTitle ?? problem.TargetKey))
                .Append(" (").Append(Inline(problem.TargetKind)).Append("): ");
            md.Append(problem.LastError is { } error ? $"{text.Failing} — {Inline(error)}" : text.Stale).AppendLine();
        }

        md.AppendLine();
    }

    private static string Confidence(ConfidenceWeek confidence, ReportText text)
    {
        if (confidence.Latest is not { } latest)
        {
            return "–";
        }

        var arrow = confidence.Trend switch
        {
            ConfidenceTrend.Up => text.TrendUp,
            ConfidenceTrend.Down => text.TrendDown,
            ConfidenceTrend.Same => text.TrendSame,
            _ => text.TrendUnknown,
        };
        var value = latest.ToString(CultureInfo.InvariantCulture);
        return arrow.Length == 0 ? value : $"{value} {arrow}";
    }

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Instant(DateTimeOffset instant) => instant.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    // User text must not start a heading, list or table of its own inside ours.
    private static string Inline(string value) => value.Replace('\r', ' ').Replace('\n', ' ').Trim();

    private static string Cell(string value) => Inline(value).Replace("|", "\\|", StringComparison.Ordinal);
}
