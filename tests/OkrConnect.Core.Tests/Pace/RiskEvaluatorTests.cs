using OkrConnect.Core.Pace;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Pace;

public class RiskEvaluatorTests
{
    private static readonly DateTimeOffset Now = T0.AddDays(40);
    private static readonly OkrConnect.Core.Domain.CheckIn Recent = CheckIn(7, Now.AddDays(-2));

    private static RiskAssessment Evaluate(double? progress, double expected, OkrConnect.Core.Domain.CheckIn? checkIn = null, RiskOptions? options = null) =>
        RiskEvaluator.Evaluate(progress, expected, checkIn ?? Recent, T0, Now, options);

    [Fact]
    public void On_pace_with_good_confidence_and_recent_check_in_is_not_at_risk()
    {
        var result = Evaluate(0.45, 0.5);

        Assert.False(result.AtRisk);
        Assert.Empty(result.Reasons);
    }

    [Fact]
    public void Trailing_by_more_than_the_tolerance_is_at_risk_with_the_reason()
    {
        var result = Evaluate(0.3, 0.5);

        Assert.True(result.AtRisk);
        var reason = Assert.Single(result.Reasons);
        Assert.Equal(RiskCodes.BehindPace, reason.Code);
        Assert.Equal(0.2, reason.Actual, 12);
        Assert.Equal("progress 30 % trails the expected 50 % by more than 15 percentage points", reason.Text);
    }

    [Fact]
    public void Trailing_by_exactly_the_tolerance_is_not_at_risk_despite_binary_noise() =>
        Assert.False(Evaluate(0.35, 0.5).AtRisk); // 0.5 − 0.35 = 0.15000000000000002

    [Theory]
    [InlineData(4, true)]
    [InlineData(1, true)]
    [InlineData(5, false)]
    public void Latest_confidence_of_four_or_below_is_at_risk(int confidence, bool atRisk)
    {
        var result = Evaluate(0.5, 0.5, CheckIn(confidence, Now.AddDays(-1)));

        Assert.Equal(atRisk, result.AtRisk);
        Assert.Equal(atRisk, result.Reasons.Any(r => r.Code == RiskCodes.LowConfidence));
    }

    [Theory]
    [InlineData(13, false)]
    [InlineData(14, true)]
    [InlineData(30, true)]
    public void No_check_in_for_fourteen_days_is_at_risk(int daysAgo, bool atRisk)
    {
        var result = Evaluate(0.5, 0.5, CheckIn(8, Now.AddDays(-daysAgo)));

        Assert.Equal(atRisk, result.AtRisk);
        Assert.Equal(atRisk, result.Reasons.Any(r => r.Code == RiskCodes.NoRecentCheckIn));
    }

    [Fact]
    public void Without_any_check_in_the_clock_starts_at_the_later_of_cycle_start_and_creation()
    {
        var cycle = Cycle(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));
        var createdLate = KeyResult(createdAt: Now.AddDays(-3));
        var createdEarly = KeyResult(createdAt: T0.AddDays(-30));

        Assert.False(RiskEvaluator.Evaluate(cycle, createdLate, null, null, Now).AtRisk);
        var early = RiskEvaluator.Evaluate(cycle, createdEarly, null, null, Now);
        Assert.Equal("no check-in yet, 40 days in", Assert.Single(early.Reasons).Text);
    }

    [Fact]
    public void Without_progress_only_confidence_and_check_in_rules_apply()
    {
        Assert.False(Evaluate(null, 0.9).AtRisk);
        Assert.Equal([RiskCodes.LowConfidence], Evaluate(null, 0.9, CheckIn(2, Now)).Reasons.Select(r => r.Code));
    }

    [Fact]
    public void All_reasons_are_reported_together()
    {
        var result = Evaluate(0.0, 0.9, CheckIn(3, Now.AddDays(-20)));

        Assert.Equal([RiskCodes.BehindPace, RiskCodes.LowConfidence, RiskCodes.NoRecentCheckIn], result.Reasons.Select(r => r.Code));
    }

    [Fact]
    public void Thresholds_are_configurable()
    {
        var strict = new RiskOptions { PaceTolerance = 0.05, LowConfidence = 6, CheckInIntervalDays = 7 };

        var result = Evaluate(0.4, 0.5, CheckIn(6, Now.AddDays(-7)), strict);

        Assert.Equal(3, result.Reasons.Count);
    }

    [Fact]
    public void The_cycle_overload_uses_the_cycle_elapsed_fraction()
    {
        var cycle = Cycle(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));

        var result = RiskEvaluator.Evaluate(cycle, KeyResult(), 0.1, Recent, Now);

        Assert.Equal(40.0 / 92, result.ExpectedProgress, 12);
        Assert.Contains(result.Reasons, r => r.Code == RiskCodes.BehindPace);
    }
}
