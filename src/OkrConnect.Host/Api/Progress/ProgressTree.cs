using OkrConnect.Core.Alignment;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;

namespace OkrConnect.Host.Api.Progress;

/// <summary>A link and its last complete progress (null before its first sync).</summary>
public sealed record LinkState(Link Link, LinkProgressRecord? Record);

/// <summary>
/// A work key result's manual value and when a change in its linked work was last detected after it was set (null:
/// none since), which is what <see cref="ManualProgressRule"/> needs to decide whether it still holds.
/// </summary>
public sealed record ManualState(ManualProgressRecord Record, DateTimeOffset? LinkedWorkChangedAt);

/// <summary>
/// Objectives, key results and everything below them (aligned objectives of children key results, links of work
/// key results), loaded once; Core's rules compute each value on demand and remember it. A manual value that still
/// holds replaces a work key result's computed value everywhere above it (objective roll-up, children key results).
/// </summary>
public sealed class ProgressTree
{
    private readonly IReadOnlyDictionary<Guid, IReadOnlyList<LinkState>> _links;
    private readonly IReadOnlyDictionary<Guid, CheckIn> _latestCheckIns;
    private readonly IReadOnlyDictionary<Guid, Cycle> _cycles;
    private readonly Dictionary<Guid, double?> _computedWork;
    private readonly Dictionary<Guid, ManualProgressRecord> _heldManual;
    private readonly AlignmentProgressEvaluator _evaluator;

    public ProgressTree(
        AlignmentGraph graph,
        IReadOnlyDictionary<Guid, IReadOnlyList<LinkState>> links,
        IReadOnlyDictionary<Guid, CheckIn> latestCheckIns,
        IReadOnlyDictionary<Guid, Cycle> cycles,
        IReadOnlyDictionary<Guid, ManualState> manual,
        DateTimeOffset now)
    {
        Graph = graph;
        Now = now;
        _links = links;
        _latestCheckIns = latestCheckIns;
        _cycles = cycles;
        _computedWork = links.ToDictionary(
            entry => entry.Key,
            entry => KeyResultProgressCalculator.FromLinkValues(entry.Value.Select(l => (l.Link, l.Record?.Value))));

        var heldManual = new Dictionary<Guid, ManualProgressRecord>();
        var workProgress = new Dictionary<Guid, double?>();
        foreach (var (keyResultId, computed) in _computedWork)
        {
            var state = manual.GetValueOrDefault(keyResultId);
            var effective = ManualProgressRule.Resolve(computed, state?.Record.ToRule(), state?.LinkedWorkChangedAt);
            workProgress[keyResultId] = effective.Value;
            if (effective.Source == ProgressSource.Manual)
            {
                heldManual[keyResultId] = state!.Record;
            }
        }

        _heldManual = heldManual;
        _evaluator = AlignmentProgressEvaluator.ForStoredProgress(graph, workProgress);
    }

    public AlignmentGraph Graph { get; }

    public DateTimeOffset Now { get; }

    public double? KeyResultValue(Guid keyResultId) => _evaluator.ProgressOfKeyResult(keyResultId);

    /// <summary>Where <see cref="KeyResultValue"/> comes from: a manual value that still holds, or the computation.</summary>
    public ProgressSource SourceOf(Guid keyResultId) => _heldManual.ContainsKey(keyResultId) ? ProgressSource.Manual : ProgressSource.Computed;

    /// <summary>The manual value shown for a work key result, while it holds.</summary>
    public ManualProgressRecord? HeldManual(Guid keyResultId) => _heldManual.GetValueOrDefault(keyResultId);

    /// <summary>A work key result's value from its links alone, whatever manual value is set.</summary>
    public double? ComputedWorkValue(Guid keyResultId) => _computedWork.GetValueOrDefault(keyResultId);

    public ObjectiveProgress ObjectiveValue(Guid objectiveId) => _evaluator.ProgressOfObjective(objectiveId);

    public IReadOnlyList<LinkState> LinksOf(Guid keyResultId) => _links.GetValueOrDefault(keyResultId) ?? [];

    public CheckIn? LatestCheckIn(Guid keyResultId) => _latestCheckIns.GetValueOrDefault(keyResultId);

    public Cycle? CycleOf(Objective objective) => _cycles.GetValueOrDefault(objective.CycleId);

    /// <summary>Pace, confidence and check-in rhythm of a key result, judged against its own cycle.</summary>
    public RiskAssessment Risk(KeyResult keyResult)
    {
        var objective = Graph.FindObjective(keyResult.ObjectiveId);
        var cycle = objective is null ? null : CycleOf(objective);
        var value = KeyResultValue(keyResult.Id);
        return cycle is null
            ? new RiskAssessment(false, 0, [])
            : RiskEvaluator.Evaluate(cycle, keyResult, value, LatestCheckIn(keyResult.Id), Now);
    }

    /// <summary>
    /// An objective is at risk when a key result that counts in its value is: the committed ones, or the
    /// aspirational ones when it has no committed key result (the same choice as Core's roll-up).
    /// </summary>
    public IReadOnlyList<KeyResult> CountingKeyResults(Guid objectiveId)
    {
        var all = Graph.KeyResultsOf(objectiveId);
        var committed = all.Where(k => k.Type == KeyResultType.Committed).ToList();
        return committed.Count > 0 ? committed : all;
    }
}
