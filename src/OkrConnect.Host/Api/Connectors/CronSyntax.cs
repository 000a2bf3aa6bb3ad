namespace OkrConnect.Host.Api.Connectors;

/// <summary>
/// Checks a sync schedule before it is stored, so a typo is a 400 now rather than a recurring job that never runs:
/// five fields (minute hour day-of-month month day-of-week), optionally six with seconds first, each a list of
/// <c>*</c>, <c>?</c>, numbers, names (JAN, MON), ranges and <c>/</c> steps.
/// </summary>
public static class CronSyntax
{
    private sealed record Field(string Name, int Min, int Max, string[] Names);

    private static readonly string[] Months = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
    private static readonly string[] Days = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];

    private static readonly Field[] FiveFields =
    [
        new("minute", 0, 59, []),
        new("hour", 0, 23, []),
        new("day of month", 1, 31, []),
        new("month", 1, 12, Months),
        new("day of week", 0, 7, Days),
    ];

    /// <returns>null when the expression is valid, otherwise what is wrong with it.</returns>
    public static string? FindProblem(string expression)
    {
        var parts = expression.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        Field[] fields = parts.Length switch
        {
            5 => FiveFields,
            6 => [new("second", 0, 59, []), .. FiveFields],
            _ => [],
        };
        if (fields.Length == 0)
        {
            return $"has {parts.Length} field(s); expected 5 (minute hour day-of-month month day-of-week), e.g. \"*/15 * * * *\".";
        }

        for (var i = 0; i < fields.Length; i++)
        {
            if (FindFieldProblem(parts[i], fields[i]) is { } problem)
            {
                return $"{fields[i].Name} field \"{parts[i]}\" {problem}";
            }
        }

        return null;
    }

    private static string? FindFieldProblem(string text, Field field)
    {
        foreach (var item in text.Split(','))
        {
            var slash = item.IndexOf('/', StringComparison.Ordinal);
            var range = slash >= 0 ? item[..slash] : item;
            if (slash >= 0 && !(int.TryParse(item[(slash + 1)..], out var step) && step > 0))
            {
                return "has a step that is not a positive whole number.";
            }

            if (range is "*" or "?")
            {
                continue;
            }

            var bounds = range.Split('-');
            if (bounds.Length > 2 || bounds.Any(b => Value(b, field) is null))
            {
                return $"must use *, numbers {field.Min}–{field.Max}{(field.Names.Length > 0 ? " or names like " + field.Names[0] : "")}, ranges (a-b), lists (a,b) and steps (/n).";
            }

            if (bounds.Length == 2 && Value(bounds[0], field) > Value(bounds[1], field))
            {
                return "has a range whose start is after its end.";
            }
        }

        return null;
    }

    private static int? Value(string token, Field field)
    {
        if (int.TryParse(token, out var number))
        {
            return number >= field.Min && number <= field.Max ? number : null;
        }

        var index = Array.FindIndex(field.Names, n => n.Equals(token, StringComparison.OrdinalIgnoreCase));
        return index < 0 ? null : index + field.Min;
    }
}
