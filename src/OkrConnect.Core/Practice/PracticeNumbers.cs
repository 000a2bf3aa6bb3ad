using System.Globalization;

namespace OkrConnect.Core.Practice;

/// <summary>How fractions read in reports and chat messages: "45 %", "+10 pts", the same in every language.</summary>
public static class PracticeNumbers
{
    public static string Percent(double? fraction) =>
        fraction is { } f ? (f * 100).ToString("0.#", CultureInfo.InvariantCulture) + " %" : "–";

    /// <summary>Percentage points with a sign; "±0" when unchanged.</summary>
    public static string Points(double? change, string unit)
    {
        if (change is not { } c)
        {
            return "–";
        }

        var points = Math.Round(c * 100, 1, MidpointRounding.AwayFromZero);
        var text = Math.Abs(points).ToString("0.#", CultureInfo.InvariantCulture);
        return points switch
        {
            > 0 => $"+{text} {unit}",
            < 0 => $"−{text} {unit}",
            _ => $"±0 {unit}",
        };
    }

    public static string Number(double value) => value.ToString("0.##", CultureInfo.InvariantCulture);
}
