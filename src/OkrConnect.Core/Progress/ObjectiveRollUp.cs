using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>What an objective's value was made of.</summary>
public enum ObjectiveProgressBasis
{
    /// <summary>No key result that counts has progress: "no work yet".</summary>
    None,

    /// <summary>The weighted mean of the committed key results.</summary>
    Committed,

    /// <summary>The objective has no committed key results, so its aspirational ones are its value.</summary>
    AspirationalOnly,
}

/// <summary>An objective's value, and its aspirational "plus" shown beside it (never mixed into the value).</summary>
public sealed record ObjectiveProgress(double? Value, double? Plus, ObjectiveProgressBasis Basis)
{
    public static ObjectiveProgress None { get; } = new(null, null, ObjectiveProgressBasis.None);
}

/// <summary>
/// An objective from its key results (docs/okr-semantics.md, "Roll-up"); the same rule scores it at close.
/// </summary>
public static class ObjectiveRollUp
{
    public static ObjectiveProgress Compute(IEnumerable<(KeyResult KeyResult, double? Progress)> keyResults) =>
        Combine(keyResults.Select(k => (k.KeyResult.Type, k.KeyResult.Weight, k.Progress)));

    /// <remarks>
    /// "Only aspirational key results" means the objective has no committed key result at all. Committed key results
    /// that have no progress yet still decide: the value is then null ("no work yet"), with the plus shown beside it,
    /// so a stretch goal never stands in for unstarted commitments.
    /// </remarks>
    public static ObjectiveProgress Combine(IEnumerable<(KeyResultType Type, double Weight, double? Value)> keyResults)
    {
        var all = keyResults.ToList();
        var committed = all.Where(k => k.Type == KeyResultType.Committed).Select(k => new WeightedValue(k.Value, k.Weight)).ToList();
        var aspirational = WeightedMean.Of(all.Where(k => k.Type == KeyResultType.Aspirational).Select(k => new WeightedValue(k.Value, k.Weight)));

        if (committed.Count == 0)
        {
            return aspirational is null ? ObjectiveProgress.None : new ObjectiveProgress(aspirational, null, ObjectiveProgressBasis.AspirationalOnly);
        }

        var value = WeightedMean.Of(committed);
        return new ObjectiveProgress(value, aspirational, value is null ? ObjectiveProgressBasis.None : ObjectiveProgressBasis.Committed);
    }
}
