using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Scoring;

/// <summary>
/// A key result's score at cycle close. <see cref="Computed"/> is the progress at close rounded to one decimal; an
/// owner's <see cref="Adjusted"/> value (with its reason) is kept beside it and is the <see cref="Effective"/> score.
/// A key result with no progress at close has no computed score ("not scored") until its owner gives one.
/// </summary>
public sealed record KeyResultScore(
    Guid KeyResultId,
    KeyResultType Type,
    double Weight,
    double? ProgressAtClose,
    double? Computed,
    double? Adjusted = null,
    string? AdjustmentReason = null)
{
    public double? Effective => Adjusted ?? Computed;

    public ScoreBand? Band => Effective is { } score ? ScoreCalculator.BandOf(score) : null;
}

/// <summary>An objective's score (committed key results) and the aspirational plus reported beside it.</summary>
public sealed record ObjectiveScore(double? Score, double? Plus, ScoreBand? Band);
