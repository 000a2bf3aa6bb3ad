using System.Globalization;
using System.Text;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>
/// The score sheet as CSV (RFC 4180): one row per key result with its objective's score beside it, comma-separated,
/// CRLF line ends, fields quoted when they hold a comma, quote or line break, quotes doubled.
/// </summary>
public static class ScoreCsv
{
    public const string MediaType = "text/csv";

    private static readonly string[] Header =
    [
        "objective_id", "objective", "objective_owner", "objective_team", "objective_score", "objective_plus", "objective_band",
        "key_result_id", "key_result", "key_result_owner", "type", "weight", "progress_at_close", "computed_score",
        "adjusted_score", "adjustment_reason", "adjusted_by", "score", "band", "what_worked", "what_did_not", "what_next",
    ];

    public static string Write(ScoreSheetResponse sheet)
    {
        var csv = new StringBuilder();
        Row(csv, Header);
        foreach (var objective in sheet.Objectives)
        {
            foreach (var kr in objective.KeyResults)
            {
                Row(csv,
                [
                    objective.ObjectiveId.ToString("D"), Text(objective.Title), Text(objective.Owner), Text(objective.Team),
                    Number(objective.Score), Number(objective.Plus), Band(objective.Band),
                    kr.KeyResultId.ToString("D"), Text(kr.Title), Text(kr.Owner), kr.Type.ToString().ToLowerInvariant(), Number(kr.Weight),
                    Number(kr.ProgressAtClose), Number(kr.Computed), Number(kr.Adjusted), Text(kr.AdjustmentReason), Text(kr.AdjustedBy),
                    Number(kr.Score), Band(kr.Band),
                    Text(kr.Retrospective?.WhatWorked), Text(kr.Retrospective?.WhatDidNot), Text(kr.Retrospective?.WhatNext),
                ]);
            }
        }

        return csv.ToString();
    }

    public static string Escape(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;

    private static void Row(StringBuilder csv, IEnumerable<string> fields) =>
        csv.Append(string.Join(',', fields.Select(Escape))).Append("\r\n");

    // A spreadsheet would run a cell that starts with one of these as a formula (CSV injection); a leading apostrophe
    // makes it plain text. Only user-written text gets it: numbers and ids never start so.
    private static string Text(string? value) =>
        value is { Length: > 0 } && "=+-@\t\r".Contains(value[0], StringComparison.Ordinal) ? "'" + value : value ?? "";

    private static string Number(double? value) => value?.ToString("0.####", CultureInfo.InvariantCulture) ?? "";

    private static string Band(Core.Scoring.ScoreBand? band) => band?.ToString().ToLowerInvariant() ?? "";
}
