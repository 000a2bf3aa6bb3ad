using OkrConnect.Core.Progress;

namespace OkrConnect.Core.Tests.Progress;

public class MetricProgressTests
{
    [Theory]
    [InlineData(0, 100, 25, 0.25)]
    [InlineData(120, 20, 45, 0.75)] // decreasing: open P1 bugs 120 → 20
    [InlineData(120, 20, 120, 0)]
    [InlineData(120, 20, 20, 1)]
    [InlineData(0, 100, 150, 1)] // over target clamps
    [InlineData(120, 20, 5, 1)] // decreasing, beyond target
    [InlineData(0, 100, -10, 0)] // went backwards
    [InlineData(120, 20, 140, 0)]
    [InlineData(-10, 10, 0, 0.5)]
    public void Is_the_fraction_of_the_distance_covered_clamped(double start, double target, double current, double expected) =>
        Assert.Equal(expected, MetricProgress.Compute(start, target, current).Value!.Value, 12);

    [Fact]
    public void Explains_the_sum_and_the_clamp()
    {
        Assert.Equal("(45 − 120) ÷ (20 − 120) = 0.75", MetricProgress.Compute(120, 20, 45).Summary);

        var over = MetricProgress.Compute(0, 100, 150);
        Assert.Equal(1.5, over.Unclamped);
        Assert.EndsWith("capped at 1", over.Summary, StringComparison.Ordinal);
    }

    [Fact]
    public void Missing_current_value_is_no_progress()
    {
        var result = MetricProgress.Compute(0, 100, null);

        Assert.Null(result.Value);
        Assert.Equal("no current value yet", result.Summary);
    }

    [Theory]
    [InlineData(null, 100.0)]
    [InlineData(0.0, null)]
    [InlineData(double.NaN, 100.0)]
    public void Missing_start_or_target_is_no_progress(double? start, double? target) =>
        Assert.Null(MetricProgress.Compute(start, target, 50).Value);

    [Theory]
    [InlineData(20, 1)]
    [InlineData(19, 0)]
    [InlineData(21, 0)]
    public void Start_equal_to_target_is_one_only_at_the_target(double current, double expected) =>
        Assert.Equal(expected, MetricProgress.Compute(20, 20, current).Value);
}
