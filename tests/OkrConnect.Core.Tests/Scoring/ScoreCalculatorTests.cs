using OkrConnect.Core.Domain;
using OkrConnect.Core.Scoring;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Scoring;

public class ScoreCalculatorTests
{
    [Theory]
    [InlineData(0.65, 0.7)]
    [InlineData(0.05, 0.1)]
    [InlineData(0.25, 0.3)]
    [InlineData(0.35, 0.4)]
    [InlineData(0.64, 0.6)]
    [InlineData(0.0, 0.0)]
    [InlineData(1.0, 1.0)]
    [InlineData(1.3, 1.0)]
    [InlineData(-0.2, 0.0)]
    public void Rounds_to_one_decimal_midpoint_away_from_zero(double progress, double expected) =>
        Assert.Equal(expected, ScoreCalculator.RoundScore(progress));

    [Fact]
    public void Binary_noise_around_a_midpoint_still_rounds_up()
    {
        var noisy = 0.7 - 0.05; // 0.6499999999999999 in binary floating point
        Assert.NotEqual(0.65, noisy);
        Assert.Equal(0.7, ScoreCalculator.RoundScore(noisy));
        Assert.Equal(0.7, ScoreCalculator.RoundScore(13.0 / 20));
        Assert.Equal(0.7, ScoreCalculator.RoundScore(0.6499999999999999));
    }

    [Theory]
    [InlineData(0.0, ScoreBand.Red)]
    [InlineData(0.3, ScoreBand.Red)]
    [InlineData(0.39, ScoreBand.Red)]
    [InlineData(0.4, ScoreBand.Yellow)]
    [InlineData(0.69, ScoreBand.Yellow)]
    [InlineData(0.7, ScoreBand.Green)]
    [InlineData(1.0, ScoreBand.Green)]
    public void Bands(double score, ScoreBand band) => Assert.Equal(band, ScoreCalculator.BandOf(score));

    [Fact]
    public void A_key_result_scores_its_rounded_progress_at_close()
    {
        var score = ScoreCalculator.Score(KeyResult(), 0.65);

        Assert.Equal(0.7, score.Computed);
        Assert.Equal(0.65, score.ProgressAtClose);
        Assert.Equal(ScoreBand.Green, score.Band);
    }

    [Fact]
    public void No_progress_at_close_is_unscored()
    {
        var score = ScoreCalculator.Score(KeyResult(), null);

        Assert.Null(score.Effective);
        Assert.Null(score.Band);
    }

    [Fact]
    public void An_owner_adjustment_keeps_both_values_and_becomes_the_effective_score()
    {
        var adjusted = ScoreCalculator.Adjust(ScoreCalculator.Score(KeyResult(), 0.32), 0.55, " Vendor delay outside the team's control ");

        Assert.Equal(0.3, adjusted.Computed);
        Assert.Equal(0.6, adjusted.Adjusted);
        Assert.Equal(0.6, adjusted.Effective);
        Assert.Equal("Vendor delay outside the team's control", adjusted.AdjustmentReason);
        Assert.Equal(ScoreBand.Yellow, adjusted.Band);
    }

    [Theory]
    [InlineData(0.5, "")]
    [InlineData(0.5, "   ")]
    public void An_adjustment_needs_a_reason(double value, string reason) =>
        Assert.Throws<ArgumentException>(() => ScoreCalculator.Adjust(ScoreCalculator.Score(KeyResult(), 0.2), value, reason));

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void An_adjustment_is_a_score_between_zero_and_one(double value) =>
        Assert.Throws<ArgumentOutOfRangeException>(() => ScoreCalculator.Adjust(ScoreCalculator.Score(KeyResult(), 0.2), value, "why"));

    [Fact]
    public void Objective_score_is_the_weighted_mean_of_committed_scores_with_the_aspirational_plus()
    {
        KeyResultScore[] scores =
        [
            ScoreCalculator.Score(KeyResult(weight: 1), 1.0),
            ScoreCalculator.Adjust(ScoreCalculator.Score(KeyResult(weight: 2), 0.1), 0.4, "late start agreed"),
            ScoreCalculator.Score(KeyResult(type: KeyResultType.Aspirational), 0.66),
            ScoreCalculator.Score(KeyResult(weight: 5), null),
        ];

        var objective = ScoreCalculator.ScoreObjective(scores);

        Assert.Equal(new ObjectiveScore(0.6, 0.7, ScoreBand.Yellow), objective);
    }

    [Fact]
    public void Objective_with_only_aspirational_key_results_is_scored_by_them() =>
        Assert.Equal(
            new ObjectiveScore(0.7, null, ScoreBand.Green),
            ScoreCalculator.ScoreObjective([ScoreCalculator.Score(KeyResult(type: KeyResultType.Aspirational), 0.7)]));

    [Fact]
    public void Objective_score_is_rounded_to_two_decimals()
    {
        KeyResultScore[] scores = [ScoreCalculator.Score(KeyResult(), 0.7), ScoreCalculator.Score(KeyResult(), 0.6), ScoreCalculator.Score(KeyResult(), 0.7)];

        Assert.Equal(0.67, ScoreCalculator.ScoreObjective(scores).Score);
    }
}
