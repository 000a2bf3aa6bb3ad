using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Scoring;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>A closed cycle's recorded scores with its objectives' scores computed by Core, for the objectives the caller may see.</summary>
public sealed class ScoreSheetLoader(
    IObjectiveRepository objectives,
    IKeyResultRepository keyResults,
    IKeyResultScoreRepository scores,
    IRetrospectiveRepository retrospectives)
{
    public async Task<ScoreSheetResponse> LoadAsync(Cycle cycle, Caller caller, CancellationToken ct)
    {
        var visible = (await objectives.ListByCycleAsync(cycle.Id, ct)).Where(caller.CanSee).ToList();
        var byObjective = (await keyResults.ListByCycleAsync(cycle.Id, ct)).ToLookup(k => k.ObjectiveId);
        var recorded = (await scores.ListByCycleAsync(cycle.Id, ct)).ToDictionary(s => s.Score.KeyResultId);
        var retros = (await retrospectives.ListByCycleAsync(cycle.Id, ct)).ToDictionary(r => r.KeyResultId);

        var sheet = new List<ObjectiveScoreResponse>();
        foreach (var objective in visible)
        {
            var lines = byObjective[objective.Id]
                .OrderBy(k => k.CreatedAt).ThenBy(k => k.Id)
                .Where(k => recorded.ContainsKey(k.Id))
                .Select(k => (KeyResult: k, Record: recorded[k.Id]))
                .ToList();
            var score = ScoreCalculator.ScoreObjective(lines.Select(l => l.Record.Score));
            sheet.Add(new ObjectiveScoreResponse(
                objective.Id,
                objective.Title,
                objective.Owner,
                objective.Team,
                score.Score,
                score.Plus,
                score.Band,
                lines.Select(l => KeyResultScoreResponse.From(l.KeyResult, l.Record, retros.GetValueOrDefault(l.KeyResult.Id))).ToList()));
        }

        return new ScoreSheetResponse(cycle.Id, cycle.Name, cycle.State, cycle.ClosedAt, sheet);
    }
}
