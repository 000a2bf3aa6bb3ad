using System.Globalization;
using System.Text.RegularExpressions;

namespace OkrConnect.Core.Practice;

/// <summary>
/// An ISO 8601 week such as <c>2026-W48</c>: Monday 00:00 UTC up to (not including) the next Monday. Weeks are taken in
/// UTC because cycle dates are UTC days everywhere else (see <see cref="Pace.CyclePace"/>).
/// </summary>
public readonly partial record struct IsoWeek(int Year, int Week)
{
    public static IsoWeek Containing(DateOnly day)
    {
        var date = day.ToDateTime(TimeOnly.MinValue);
        return new IsoWeek(ISOWeek.GetYear(date), ISOWeek.GetWeekOfYear(date));
    }

    public static IsoWeek Containing(DateTimeOffset instant) => Containing(DateOnly.FromDateTime(instant.UtcDateTime));

    /// <summary>Accepts <c>2026-W48</c> (and <c>2026-w48</c>); false for week 53 of a year that has only 52.</summary>
    public static bool TryParse(string? text, out IsoWeek week)
    {
        week = default;
        var match = text is null ? Match.Empty : Pattern().Match(text.Trim());
        if (!match.Success)
        {
            return false;
        }

        var year = int.Parse(match.Groups["year"].Value, CultureInfo.InvariantCulture);
        var number = int.Parse(match.Groups["week"].Value, CultureInfo.InvariantCulture);
        if (year is < 1 or > 9998 || number < 1 || number > ISOWeek.GetWeeksInYear(year))
        {
            return false;
        }

        week = new IsoWeek(year, number);
        return true;
    }

    public DateOnly Monday => DateOnly.FromDateTime(ISOWeek.ToDateTime(Year, Week, DayOfWeek.Monday));

    public DateOnly Sunday => Monday.AddDays(6);

    public DateTimeOffset Start => new(Monday.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);

    public DateTimeOffset End => Start.AddDays(7);

    public override string ToString() => $"{Year:D4}-W{Week:D2}";

    [GeneratedRegex(@"^(?<year>\d{4})-[Ww](?<week>\d{2})$")]
    private static partial Regex Pattern();
}
