using System.Globalization;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>A metric key result's progress and the sum behind it, e.g. "(45 − 120) ÷ (20 − 120) = 0.75".</summary>
public sealed record MetricBreakdown(double? Value, double? Start, double? Target, double? Current, double? Unclamped, string Summary);

/// <summary>
/// (current − start) ÷ (target − start), clamped to [0, 1]; the sign of the denominator makes decreasing targets work.
/// </summary>
public static class MetricProgress
{
    public static MetricBreakdown Compute(KeyResult keyResult) =>
        Compute(keyResult.MetricStart, keyResult.MetricTarget, keyResult.MetricCurrent);

    /// <remarks>
    /// Missing start or target, or no current value yet → no progress (null). When start equals target there is no
    /// distance and no direction to measure: progress is 1 when the current value equals the target, else 0.
    /// </remarks>
    public static MetricBreakdown Compute(double? start, double? target, double? current)
    {
        if (start is not { } s || target is not { } t || !double.IsFinite(s) || !double.IsFinite(t))
        {
            return new MetricBreakdown(null, start, target, current, null, "no progress: the start or target value is missing");
        }

        if (current is not { } c || !double.IsFinite(c))
        {
            return new MetricBreakdown(null, s, t, null, null, "no current value yet");
        }

        if (Same(s, t))
        {
            var reached = Same(c, t);
            return new MetricBreakdown(
                reached ? 1 : 0, s, t, c, null,
                $"start equals target ({N(t)}): current {N(c)} is {(reached ? "at" : "not at")} the target");
        }

        var raw = (c - s) / (t - s);
        var value = Math.Clamp(raw, 0, 1);
        var clamp = raw > 1 ? ", capped at 1" : raw < 0 ? ", floored at 0" : "";
        return new MetricBreakdown(value, s, t, c, raw, $"({N(c)} − {N(s)}) ÷ ({N(t)} − {N(s)}) = {Math.Round(raw, 4).ToString(CultureInfo.InvariantCulture)}{clamp}");
    }

    // Tolerates representation noise in values typed as decimals (e.g. 0.1 + 0.2 vs 0.3).
    private static bool Same(double a, double b) => Math.Abs(a - b) <= 1e-9 * Math.Max(1, Math.Max(Math.Abs(a), Math.Abs(b)));

    private static string N(double value) => value.ToString(CultureInfo.InvariantCulture);
}
