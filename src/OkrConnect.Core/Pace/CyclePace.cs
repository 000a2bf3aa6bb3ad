using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Pace;

/// <summary>Expected progress: the fraction of the cycle elapsed (docs/okr-semantics.md, "Pace, risk and score").</summary>
public static class CyclePace
{
    /// <remarks>
    /// Counted in whole days at the start of <paramref name="today"/>, with the end date a full day of the cycle:
    /// 0 on the first day and before it, (today − start) ÷ (end − start + 1) during the cycle, 1 after the last day.
    /// A one-day cycle (start = end) is 0 on its day; an end before the start is treated as a one-day cycle.
    /// </remarks>
    public static double ExpectedProgress(DateOnly start, DateOnly end, DateOnly today)
    {
        var days = Math.Max(1, end.DayNumber - start.DayNumber + 1);
        var elapsed = today.DayNumber - start.DayNumber;
        return Math.Clamp((double)elapsed / days, 0, 1);
    }

    public static double ExpectedProgress(Cycle cycle, DateOnly today) => ExpectedProgress(cycle.StartDate, cycle.EndDate, today);
}
