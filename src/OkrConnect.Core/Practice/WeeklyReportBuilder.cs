using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Core.Practice;

/// <summary>Everything a weekly report is computed from, loaded by the caller; nothing here reads a store or a clock.</summary>
/// <param name="Objectives">The objectives in scope, already filtered by visibility and team, in report order.</param>
/// <param name="Graph">Those objectives, their key results and everything aligned below them (for roll-ups).</param>
/// <param name="LiveValues">Each key result's current value (used when the report's week is the current one).</param>
/// <param name="CheckIns">Check-ins of the key results in scope, any order.</param>
/// <param name="Links">Stored link state of the work key results in scope.</param>
public sealed record WeeklyReportInput(
    Cycle Cycle,
    IsoWeek Week,
    string? Team,
    DateTimeOffset Now,
    IReadOnlyList<Objective> Objectives,
    AlignmentGraph Graph,
    IReadOnlyDictionary<Guid, double?> LiveValues,
    IReadOnlyDictionary<Guid, IReadOnlyList<ProgressHistoryEntry>> History,
    IReadOnlyDictionary<Guid, IReadOnlyList<CheckIn>> CheckIns,
    IReadOnlyDictionary<Guid, IReadOnlyList<LinkProblem>> Links,
    RiskOptions? RiskOptions = null);

/// <summary>
/// Builds the weekly report. The report looks at the week up to <c>AsOf</c> (now for the current week, the week's end
/// for a past one) and compares with the baseline a week before <c>AsOf</c>: for the current week that is "now and a
/// week ago", for a past week its start and end.
/// </summary>
public static class WeeklyReportBuilder
{
    public static WeeklyReport Build(WeeklyReportInput input)
    {
        var currentWeek = input.Now < input.Week.End;
        var asOf = currentWeek ? input.Now : input.Week.End;
        var baseline = asOf.AddDays(-7);

        // The current week reads live values (what every other screen shows); a past week reads the history at its end.
        var now = currentWeek
            ? new AlignmentProgressEvaluator(input.Graph, kr => input.LiveValues.GetValueOrDefault(kr.Id))
            : HistoricProgress.At(input.Graph, input.History, asOf);
        var weekAgo = HistoricProgress.At(input.Graph, input.History, baseline);

        var objectives = new List<ObjectiveWeek>();
        foreach (var objective in input.Objectives)
        {
            var keyResults = input.Graph.KeyResultsOf(objective.Id)
                .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
                .Select(kr => KeyResultLine(input, kr, now.ProgressOfKeyResult(kr.Id), weekAgo.ProgressOfKeyResult(kr.Id), asOf))
                .ToList();

            var rollUpNow = now.ProgressOfObjective(objective.Id);
            var rollUpThen = weekAgo.ProgressOfObjective(objective.Id);
            objectives.Add(new ObjectiveWeek(
                objective.Id,
                objective.Title,
                objective.Owner,
                objective.Team,
                ProgressChange.Of(rollUpNow.Value, rollUpThen.Value),
                rollUpNow.Plus,
                CountingKeyResults(keyResults).Any(k => k.AtRisk),
                keyResults));
        }

        var all = objectives.SelectMany(o => o.KeyResults).ToList();
        var summary = new WeeklyReportSummary(
            objectives.Count,
            all.Count,
            all.Count(k => k.AtRisk),
            all.Count(k => !k.CheckedInThisWeek),
            all.Sum(k => k.LinkProblems.Count));

        return new WeeklyReport(
            input.Cycle.Id,
            input.Cycle.Name,
            input.Week.ToString(),
            input.Week.Monday,
            input.Week.Sunday,
            input.Team,
            asOf,
            baseline,
            summary,
            objectives);
    }

    /// <summary>The trend of the latest confidence against the check-in before it.</summary>
    public static ConfidenceWeek Confidence(IEnumerable<CheckIn> checkIns, DateTimeOffset asOf)
    {
        var recent = checkIns.Where(c => c.CreatedAt <= asOf)
            .OrderByDescending(c => c.CreatedAt).ThenByDescending(c => c.Id)
            .Take(2)
            .ToList();
        if (recent.Count == 0)
        {
            return new ConfidenceWeek(null, null, ConfidenceTrend.Unknown, null);
        }

        if (recent.Count == 1)
        {
            return new ConfidenceWeek(recent[0].Confidence, null, ConfidenceTrend.Unknown, recent[0].CreatedAt);
        }

        var (latest, previous) = (recent[0].Confidence, recent[1].Confidence);
        var trend = latest > previous ? ConfidenceTrend.Up : latest < previous ? ConfidenceTrend.Down : ConfidenceTrend.Same;
        return new ConfidenceWeek(latest, previous, trend, recent[0].CreatedAt);
    }

    private static KeyResultWeek KeyResultLine(WeeklyReportInput input, KeyResult keyResult, double? now, double? weekAgo, DateTimeOffset asOf)
    {
        var checkIns = input.CheckIns.GetValueOrDefault(keyResult.Id) ?? [];
        var latest = checkIns.Where(c => c.CreatedAt <= asOf).MaxBy(c => (c.CreatedAt, c.Id));
        var checkedIn = checkIns.Any(c => c.CreatedAt >= input.Week.Start && c.CreatedAt <= asOf);
        var risk = RiskEvaluator.Evaluate(input.Cycle, keyResult, now, latest, asOf, input.RiskOptions);

        return new KeyResultWeek(
            keyResult.Id,
            keyResult.Title,
            keyResult.Owner,
            keyResult.Type,
            keyResult.Measure,
            ProgressChange.Of(now, weekAgo),
            Confidence(checkIns, asOf),
            checkedIn,
            risk.AtRisk,
            risk.Reasons.Select(r => new RiskFlag(r.Code, r.Actual, r.Threshold, r.Text)).ToList(),
            input.Links.GetValueOrDefault(keyResult.Id) ?? []);
    }

    // As in the progress roll-up: an objective is judged by its committed key results, or by all when it has none.
    private static IEnumerable<KeyResultWeek> CountingKeyResults(IReadOnlyList<KeyResultWeek> keyResults) =>
        keyResults.Any(k => k.Type == KeyResultType.Committed)
            ? keyResults.Where(k => k.Type == KeyResultType.Committed)
            : keyResults;
}
