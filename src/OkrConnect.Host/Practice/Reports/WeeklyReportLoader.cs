using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Progress;

namespace OkrConnect.Host.Practice.Reports;

/// <summary>
/// Loads what a weekly report needs (the objectives in scope as the caller may see them, everything below them, their
/// progress history, check-ins and link state) and lets Core's <see cref="WeeklyReportBuilder"/> compute it.
/// </summary>
public sealed class WeeklyReportLoader(
    IObjectiveRepository objectives,
    ProgressTreeLoader trees,
    IProgressRepository progress,
    ICheckInRepository checkIns,
    TimeProvider clock)
{
    // Check-ins read per key result: a cycle rarely has more, and the report only needs the last two and this week's.
    private const int CheckInsPerKeyResult = 200;

    public async Task<WeeklyReport> BuildAsync(Cycle cycle, IsoWeek week, string? team, Caller caller, CancellationToken ct)
    {
        var inScope = (await objectives.ListByCycleAsync(cycle.Id, ct))
            .Where(caller.CanSee)
            .Where(o => team is null || TeamScope.BelongsTo(o, team))
            .ToList();

        // The tree holds hidden aligned objectives too: their values roll up, but the report never names them.
        var tree = await trees.LoadAsync(inScope, rootKeyResults: null, ct);
        var graph = tree.Graph;
        var live = graph.KeyResults.ToDictionary(k => k.Id, k => tree.KeyResultValue(k.Id));

        var history = new Dictionary<Guid, IReadOnlyList<ProgressHistoryEntry>>();
        foreach (var keyResult in graph.KeyResults)
        {
            history[keyResult.Id] = await progress.ListHistoryAsync(keyResult.Id, since: null, ct);
        }

        var reported = inScope.SelectMany(o => graph.KeyResultsOf(o.Id)).ToList();
        var checkInsByKeyResult = new Dictionary<Guid, IReadOnlyList<CheckIn>>();
        foreach (var keyResult in reported)
        {
            checkInsByKeyResult[keyResult.Id] = (await checkIns.ListByKeyResultAsync(keyResult.Id, 0, CheckInsPerKeyResult, ct)).Items;
        }

        var links = reported.ToDictionary(
            k => k.Id,
            k => (IReadOnlyList<LinkProblem>)tree.LinksOf(k.Id)
                .Where(s => s.Record is { Stale: true } or { LastError: not null })
                .Select(s => new LinkProblem(
                    s.Link.Id, s.Link.TargetKind, s.Link.TargetKey, s.Link.TargetTitle, s.Record!.Stale, s.Record.LastError, s.Record.LastSyncedAt))
                .ToList());

        return WeeklyReportBuilder.Build(new WeeklyReportInput(
            cycle, week, team, clock.GetUtcNow(), inScope, graph, live, history, checkInsByKeyResult, links));
    }
}
