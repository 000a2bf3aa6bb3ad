using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Scoring;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Api.Progress;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>
/// Closes a cycle: every key result's progress at this moment (Core's roll-up, the same as every screen shows) becomes
/// its score (Core's <see cref="ScoreCalculator"/>), recorded in the same transaction that closes the cycle. From then on
/// the sync engine leaves the cycle alone, so the numbers stay as they were scored.
/// </summary>
public sealed class CycleClosing(IObjectiveRepository objectives, ProgressTreeLoader trees, IKeyResultScoreRepository scores, TimeProvider clock)
{
    /// <returns>False when the cycle was closed already (by this call's competitor, or before).</returns>
    public async Task<bool> CloseAsync(Cycle cycle, CancellationToken ct)
    {
        var all = await objectives.ListByCycleAsync(cycle.Id, ct);
        var tree = await trees.LoadAsync(all, rootKeyResults: null, ct);
        var now = clock.GetStoredUtcNow();
        var records = all
            .SelectMany(o => tree.Graph.KeyResultsOf(o.Id))
            .Select(kr => new KeyResultScoreRecord(ScoreCalculator.Score(kr, tree.KeyResultValue(kr.Id)), cycle.Id, kr.ObjectiveId, now))
            .ToList();
        return await scores.CloseCycleAsync(cycle with { State = CycleState.Closed, ClosedAt = now }, records, ct);
    }
}
