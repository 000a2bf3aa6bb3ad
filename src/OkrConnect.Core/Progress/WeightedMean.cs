namespace OkrConnect.Core.Progress;

/// <summary>A value to average and its weight; a null value ("no work yet") carries no weight.</summary>
public readonly record struct WeightedValue(double? Value, double Weight);

/// <summary>The one averaging rule behind every roll-up (links → key result, key results → objective, objectives → key result).</summary>
public static class WeightedMean
{
    /// <remarks>
    /// Entries without a value are skipped; none left → null. Negative or non-finite weights count as 0. When every
    /// valued entry weighs 0 the plain mean is used: zeroing all weights means "don't weigh", and null would
    /// wrongly read as "no work yet".
    /// </remarks>
    public static double? Of(IEnumerable<WeightedValue> entries)
    {
        var valued = entries
            .Where(e => e.Value is { } v && double.IsFinite(v))
            .Select(e => (Value: e.Value!.Value, Weight: double.IsFinite(e.Weight) && e.Weight > 0 ? e.Weight : 0))
            .ToList();
        if (valued.Count == 0)
        {
            return null;
        }

        var totalWeight = valued.Sum(e => e.Weight);
        return totalWeight > 0
            ? valued.Sum(e => e.Value * e.Weight) / totalWeight
            : valued.Average(e => e.Value);
    }
}
