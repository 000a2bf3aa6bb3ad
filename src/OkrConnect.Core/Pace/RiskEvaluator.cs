using System.Globalization;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Pace;

/// <summary>Risk thresholds; the defaults are the reference's.</summary>
public sealed record RiskOptions
{
    public static RiskOptions Default { get; } = new();

    /// <summary>At risk when progress trails the expected progress by more than this.</summary>
    public double PaceTolerance { get; init; } = 0.15;

    /// <summary>At risk when the latest confidence is this or below (confidence is 1–10).</summary>
    public int LowConfidence { get; init; } = 4;

    /// <summary>At risk after this many days without a check-in.</summary>
    public int CheckInIntervalDays { get; init; } = 14;
}

/// <summary>Stable codes of <see cref="RiskReason"/>.</summary>
public static class RiskCodes
{
    public const string BehindPace = "behind-pace";
    public const string LowConfidence = "low-confidence";
    public const string NoRecentCheckIn = "no-recent-check-in";
}

/// <summary>One reason a key result is at risk: a stable code, the measured value and its threshold, and English text.</summary>
public sealed record RiskReason(string Code, double Actual, double Threshold, string Text);

public sealed record RiskAssessment(bool AtRisk, double ExpectedProgress, IReadOnlyList<RiskReason> Reasons);

/// <summary>Whether a key result is at risk, and why (docs/okr-semantics.md, "Pace, risk and score").</summary>
public static class RiskEvaluator
{
    // Progress and expected progress are fractions of differing origins; without slack 0.5 − 0.35 (= 0.15000000000000002)
    // would count as trailing by more than 0.15.
    private const double Slack = 1e-9;

    /// <summary>
    /// Evaluates with the cycle's dates taken as UTC days. Without any check-in, the check-in clock starts when the
    /// cycle starts or the key result was created, whichever is later.
    /// </summary>
    public static RiskAssessment Evaluate(
        Cycle cycle, KeyResult keyResult, double? progress, CheckIn? latestCheckIn, DateTimeOffset now, RiskOptions? options = null)
    {
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        var cycleStart = new DateTimeOffset(cycle.StartDate.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var clockStart = keyResult.CreatedAt > cycleStart ? keyResult.CreatedAt : cycleStart;
        return Evaluate(progress, CyclePace.ExpectedProgress(cycle, today), latestCheckIn, clockStart, now, options);
    }

    /// <remarks>
    /// A key result with no progress (null, "no work yet") has no pace to trail, so only the confidence and
    /// check-in rules apply to it.
    /// </remarks>
    public static RiskAssessment Evaluate(
        double? progress,
        double expectedProgress,
        CheckIn? latestCheckIn,
        DateTimeOffset checkInClockStart,
        DateTimeOffset now,
        RiskOptions? options = null)
    {
        options ??= RiskOptions.Default;
        var reasons = new List<RiskReason>();

        if (progress is { } actual && expectedProgress - actual > options.PaceTolerance + Slack)
        {
            reasons.Add(new RiskReason(
                RiskCodes.BehindPace,
                expectedProgress - actual,
                options.PaceTolerance,
                $"progress {Percent(actual)} trails the expected {Percent(expectedProgress)} by more than {Points(options.PaceTolerance)} percentage points"));
        }

        if (latestCheckIn is { } checkIn && checkIn.Confidence <= options.LowConfidence)
        {
            reasons.Add(new RiskReason(
                RiskCodes.LowConfidence,
                checkIn.Confidence,
                options.LowConfidence,
                $"latest confidence is {checkIn.Confidence} ({options.LowConfidence} or below)"));
        }

        var since = latestCheckIn?.CreatedAt ?? checkInClockStart;
        var silentDays = Math.Floor((now - since).TotalDays);
        if (silentDays >= options.CheckInIntervalDays)
        {
            var text = latestCheckIn is null
                ? $"no check-in yet, {silentDays:0} days in"
                : $"no check-in for {silentDays:0} days";
            reasons.Add(new RiskReason(RiskCodes.NoRecentCheckIn, silentDays, options.CheckInIntervalDays, text));
        }

        return new RiskAssessment(reasons.Count > 0, expectedProgress, reasons);
    }

    private static string Percent(double fraction) => Points(fraction) + " %";

    private static string Points(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture);
}
