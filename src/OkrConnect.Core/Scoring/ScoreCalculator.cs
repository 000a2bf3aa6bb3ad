using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;

namespace OkrConnect.Core.Scoring;

/// <summary>Scores at cycle close (docs/okr-semantics.md, "Pace, risk and score").</summary>
public static class ScoreCalculator
{
    /// <summary>
    /// Clamps to [0, 1] and rounds to one decimal, midpoint away from zero (0.65 → 0.7). Rounding goes through
    /// decimal, whose conversion keeps 15 significant digits, so binary noise such as 0.6499999999999999 (from
    /// 0.7 − 0.05) still rounds as the 0.65 it stands for.
    /// </summary>
    public static double RoundScore(double progress) => Round(progress, 1);

    public static KeyResultScore Score(KeyResult keyResult, double? progressAtClose) =>
        new(keyResult.Id, keyResult.Type, keyResult.Weight, progressAtClose, progressAtClose is { } p ? RoundScore(p) : null);

    /// <summary>The owner's adjustment: both values are kept and the adjusted one becomes the effective score.</summary>
    public static KeyResultScore Adjust(KeyResultScore score, double adjusted, string reason)
    {
        if (string.IsNullOrWhiteSpace(reason))
        {
            throw new ArgumentException("An adjusted score needs a written reason.", nameof(reason));
        }

        if (!(adjusted is >= 0 and <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(adjusted), adjusted, "A score is between 0.0 and 1.0.");
        }

        return score with { Adjusted = RoundScore(adjusted), AdjustmentReason = reason.Trim() };
    }

    public static ScoreBand BandOf(double score) => score switch
    {
        < 0.4 => ScoreBand.Red,
        < 0.7 => ScoreBand.Yellow,
        _ => ScoreBand.Green,
    };

    /// <summary>
    /// The weighted mean of the committed key results' effective scores, rounded to two decimals so its band matches
    /// what is shown; aspirational scores are the plus (or the score, when there are no committed key results).
    /// Unscored key results are skipped, as in the progress roll-up.
    /// </summary>
    public static ObjectiveScore ScoreObjective(IEnumerable<KeyResultScore> scores)
    {
        var rollUp = ObjectiveRollUp.Combine(scores.Select(s => (s.Type, s.Weight, s.Effective)));
        var score = rollUp.Value is { } v ? Round(v, 2) : (double?)null;
        return new ObjectiveScore(score, rollUp.Plus is { } plus ? Round(plus, 2) : null, score is { } s ? BandOf(s) : null);
    }

    private static double Round(double value, int decimals)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentOutOfRangeException(nameof(value), value, "A score must be a finite number.");
        }

        return (double)Math.Round((decimal)Math.Clamp(value, 0, 1), decimals, MidpointRounding.AwayFromZero);
    }
}
