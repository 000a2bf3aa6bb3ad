using OkrConnect.Core.Pace;

namespace OkrConnect.Core.Tests.Pace;

public class CyclePaceTests
{
    private static readonly DateOnly Start = new(2026, 10, 1);
    private static readonly DateOnly End = new(2026, 12, 31); // 92 days

    [Theory]
    [InlineData("2026-09-15", 0)]
    [InlineData("2026-10-01", 0)]
    [InlineData("2026-10-24", 23.0 / 92)]
    [InlineData("2026-11-16", 0.5)]
    [InlineData("2026-12-31", 91.0 / 92)]
    [InlineData("2027-01-01", 1)]
    [InlineData("2027-06-01", 1)]
    public void Is_the_fraction_of_the_cycle_elapsed_clamped(string today, double expected) =>
        Assert.Equal(expected, CyclePace.ExpectedProgress(Start, End, DateOnly.Parse(today, System.Globalization.CultureInfo.InvariantCulture)), 12);

    [Fact]
    public void A_one_day_cycle_is_zero_on_its_day_and_one_after()
    {
        Assert.Equal(0, CyclePace.ExpectedProgress(Start, Start, Start));
        Assert.Equal(1, CyclePace.ExpectedProgress(Start, Start, Start.AddDays(1)));
    }

    [Fact]
    public void An_end_before_the_start_is_handled_like_a_one_day_cycle()
    {
        Assert.Equal(0, CyclePace.ExpectedProgress(Start, Start.AddDays(-3), Start));
        Assert.Equal(1, CyclePace.ExpectedProgress(Start, Start.AddDays(-3), Start.AddDays(1)));
    }
}
