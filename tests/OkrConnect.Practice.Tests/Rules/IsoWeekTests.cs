using OkrConnect.Core.Practice;

namespace OkrConnect.Practice.Tests.Rules;

public sealed class IsoWeekTests
{
    [Theory]
    [InlineData("2026-W48", 2026, 11, 23)]
    [InlineData("2026-W01", 2025, 12, 29)]
    [InlineData("2020-w53", 2020, 12, 28)]
    public void A_week_runs_from_monday(string text, int year, int month, int day)
    {
        Assert.True(IsoWeek.TryParse(text, out var week));

        Assert.Equal(new DateOnly(year, month, day), week.Monday);
        Assert.Equal(week.Start.AddDays(7), week.End);
        Assert.Equal(text.ToUpperInvariant(), week.ToString());
    }

    [Theory]
    [InlineData("2025-W53")]
    [InlineData("2026-W00")]
    [InlineData("2026-48")]
    [InlineData("W48")]
    [InlineData(null)]
    public void Nonsense_and_missing_weeks_do_not_parse(string? text) => Assert.False(IsoWeek.TryParse(text, out _));

    [Fact]
    public void The_first_days_of_january_can_belong_to_the_last_week_of_the_year_before() =>
        Assert.Equal("2020-W53", IsoWeek.Containing(new DateOnly(2021, 1, 1)).ToString());
}
