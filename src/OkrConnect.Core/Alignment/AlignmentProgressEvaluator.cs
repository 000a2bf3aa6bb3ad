using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;

namespace OkrConnect.Core.Alignment;

/// <summary>Progress of every key result and objective of an alignment tree.</summary>
public sealed record AlignmentProgress(
    IReadOnlyDictionary<Guid, double?> KeyResults,
    IReadOnlyDictionary<Guid, ObjectiveProgress> Objectives,
    IReadOnlyList<Guid> LoopBreaks);

/// <summary>
/// Computes progress across an alignment tree: a children key result depends on its aligned objectives, which depend
/// on their key results, and so on down. Each node is computed once (memoised). A loop in bad data is cut where it is
/// met: the objective reached again counts as "no progress" for that edge and is reported in
/// <see cref="AlignmentProgress.LoopBreaks"/>. One instance serves one evaluation; it is not thread-safe.
/// </summary>
public sealed class AlignmentProgressEvaluator
{
    private readonly AlignmentGraph graph;
    private readonly Func<KeyResult, double?> ownProgress;
    private readonly Dictionary<Guid, double?> keyResultMemo = [];
    private readonly Dictionary<Guid, ObjectiveProgress> objectiveMemo = [];
    private readonly HashSet<Guid> inProgress = [];
    private readonly List<Guid> loopBreaks = [];

    /// <param name="ownProgress">Progress of a work or metric key result (children key results are computed here).</param>
    public AlignmentProgressEvaluator(AlignmentGraph graph, Func<KeyResult, double?> ownProgress)
    {
        this.graph = graph;
        this.ownProgress = ownProgress;
    }

    /// <summary>Work key results take their stored roll-up from <paramref name="workProgress"/>; metric ones their check-in value.</summary>
    public static AlignmentProgressEvaluator ForStoredProgress(AlignmentGraph graph, IReadOnlyDictionary<Guid, double?> workProgress) =>
        new(graph, kr => kr.Measure == MeasureKind.Metric ? MetricProgress.Compute(kr).Value : workProgress.GetValueOrDefault(kr.Id));

    public AlignmentProgress EvaluateAll()
    {
        foreach (var objective in graph.Objectives)
        {
            ProgressOfObjective(objective.Id);
        }

        foreach (var keyResult in graph.KeyResults)
        {
            ProgressOfKeyResult(keyResult.Id);
        }

        return new AlignmentProgress(
            new Dictionary<Guid, double?>(keyResultMemo),
            new Dictionary<Guid, ObjectiveProgress>(objectiveMemo),
            loopBreaks.ToList());
    }

    public ObjectiveProgress ProgressOfObjective(Guid objectiveId)
    {
        if (objectiveMemo.TryGetValue(objectiveId, out var known))
        {
            return known;
        }

        if (!inProgress.Add(objectiveId))
        {
            loopBreaks.Add(objectiveId);
            return ObjectiveProgress.None;
        }

        try
        {
            var keyResults = graph.KeyResultsOf(objectiveId).Select(kr => (kr, ProgressOfKeyResult(kr.Id))).ToList();
            return objectiveMemo[objectiveId] = ObjectiveRollUp.Compute(keyResults);
        }
        finally
        {
            inProgress.Remove(objectiveId);
        }
    }

    public double? ProgressOfKeyResult(Guid keyResultId)
    {
        if (keyResultMemo.TryGetValue(keyResultId, out var known))
        {
            return known;
        }

        if (graph.FindKeyResult(keyResultId) is not { } keyResult)
        {
            return null;
        }

        var value = keyResult.Measure == MeasureKind.Children
            ? KeyResultProgressCalculator.FromChildren(
                graph.ObjectivesAlignedTo(keyResultId).Select(o => (o, ProgressOfObjective(o.Id).Value)).ToList())
            : ownProgress(keyResult);
        return keyResultMemo[keyResultId] = value;
    }
}
