using System.Globalization;
using System.Text;

namespace OkrConnect.Benchmarks.Reporting;

/// <summary>
/// The printed result: sections of rows (figure, naive baseline, ratio, target, met/not met). Rows marked as a CI gate
/// make <c>--quick</c> exit non-zero when not met; gates are only ever call counts and write counts, never times.
/// </summary>
public sealed class ResultTable
{
    private readonly List<object> _lines = [];
    private readonly List<string> _failedGates = [];
    private readonly List<string> _notes = [];

    public IReadOnlyList<string> FailedGates => _failedGates;

    public void Section(string title) => _lines.Add(title);

    public void Row(string metric, string value, string? baseline = null, string? ratio = null, string? target = null, bool? met = null, bool gate = false)
    {
        _lines.Add(new Line(metric, value, baseline ?? "", ratio ?? "", target ?? "", met switch { true => "met", false => "NOT MET", null => "" }));
        if (gate && met == false)
        {
            _failedGates.Add($"{metric}: {value} (target {target})");
        }
    }

    public void Note(string text) => _notes.Add(text);

    public string Render()
    {
        var rows = _lines.OfType<Line>().ToList();
        var widths = new[]
        {
            Math.Max(34, rows.Select(r => r.Metric.Length + 2).DefaultIfEmpty(0).Max()),
            Math.Max(14, rows.Select(r => r.Value.Length).DefaultIfEmpty(0).Max()),
            Math.Max(14, rows.Select(r => r.Baseline.Length).DefaultIfEmpty(0).Max()),
            Math.Max(7, rows.Select(r => r.Ratio.Length).DefaultIfEmpty(0).Max()),
            Math.Max(10, rows.Select(r => r.Target.Length).DefaultIfEmpty(0).Max()),
        };
        var text = new StringBuilder();
        void Cells(string a, string b, string c, string d, string e, string f) =>
            text.Append(a.PadRight(widths[0])).Append(' ').Append(b.PadLeft(widths[1])).Append("  ").Append(c.PadLeft(widths[2])).Append("  ")
                .Append(d.PadLeft(widths[3])).Append("  ").Append(e.PadRight(widths[4])).Append("  ").Append(f).AppendLine();

        Cells("", "OkrConnect", "naive baseline", "ratio", "target", "");
        text.AppendLine(new string('-', widths.Sum() + 24));
        foreach (var line in _lines)
        {
            if (line is string section)
            {
                text.AppendLine(section);
            }
            else if (line is Line row)
            {
                Cells("  " + row.Metric, row.Value, row.Baseline, row.Ratio, row.Target, row.Met);
            }
        }

        if (_notes.Count > 0)
        {
            text.AppendLine();
            foreach (var note in _notes)
            {
                text.Append("* ").AppendLine(note);
            }
        }

        return text.ToString();
    }

    public static string Int(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    public static string Num(double value, int decimals = 2) => value.ToString("F" + decimals.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);

    public static string Seconds(TimeSpan? value) => value is { } v ? v.TotalSeconds.ToString("F1", CultureInfo.InvariantCulture) + " s" : "n/a";

    public static string Ms(double value) => value.ToString("F0", CultureInfo.InvariantCulture) + " ms";

    public static string Ratio(double ours, double baseline) => baseline <= 0 ? "" : (ours / baseline).ToString("F2", CultureInfo.InvariantCulture) + "×";

    public static string Percent(double share) => (share * 100).ToString("F1", CultureInfo.InvariantCulture) + " %";

    /// <summary>The value at quantile <paramref name="q"/> (0–1) of a sample, by nearest rank.</summary>
    public static double Quantile(IReadOnlyList<double> values, double q)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        var sorted = values.Order().ToList();
        var rank = (int)Math.Ceiling(q * sorted.Count) - 1;
        return sorted[Math.Clamp(rank, 0, sorted.Count - 1)];
    }

    private sealed record Line(string Metric, string Value, string Baseline, string Ratio, string Target, string Met);
}
