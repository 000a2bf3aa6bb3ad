using System.Text;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Renders the progress comment for Jira Data Center in wiki markup: the same panel and lines as the Cloud ADF comment.
/// User text is escaped so a title with brackets or asterisks cannot break the markup.
/// https://jira.atlassian.com/secure/WikiRendererHelpAction.jspa?section=all
/// </summary>
internal static class WikiMarkupRenderer
{
    public static string Render(WriteBackContent content, string? locale)
    {
        var text = ProgressCommentText.For(locale);
        var lines = new List<string>
        {
            $"{{panel:title={Escape(text.Heading)}}}",
            $"h3. {Escape(text.Title(content))}",
            $"*{Escape(text.ProgressLabel)}:* {Escape(text.ProgressLine(content))}",
        };

        if (text.ManualLine(content) is { } manual)
        {
            lines.Add($"_{Escape(manual)}_");
        }

        if (!string.IsNullOrWhiteSpace(content.BreakdownText))
        {
            lines.Add(Escape(content.BreakdownText));
        }

        lines.Add(Escape(text.CountsLine(content)));
        lines.Add(Escape(text.ObjectiveLine(content)));

        if (text.CheckInLine(content) is { } checkIn)
        {
            lines.Add(Escape(checkIn));
        }

        if (text.StaleLine(content) is { } stale)
        {
            lines.Add($"_{Escape(stale)}_");
        }

        if (content.AtRisk)
        {
            lines.Add($"(!) *{Escape(text.AtRiskHeading)}*");
            lines.AddRange(content.RiskReasons.Where(r => !string.IsNullOrWhiteSpace(r)).Select(r => $"* {Escape(r)}"));
        }

        lines.Add($"{Escape(text.ComputedLine(content))} · [{Escape(text.OpenLink)}|{LinkTarget(content.KeyResultUrl)}]");
        lines.Add("{panel}");
        return string.Join("\n", lines);
    }

    /// <summary>Backslash-escapes wiki markup's special characters and folds line breaks.</summary>
    internal static string Escape(string value)
    {
        var result = new StringBuilder(value.Length);
        foreach (var ch in value)
        {
            if (ch is '\r' or '\n')
            {
                result.Append(' ');
                continue;
            }

            if (ch is '\\' or '{' or '}' or '[' or ']' or '|' or '*' or '_' or '+' or '^' or '~' or '!' or '#' or '-' or '?')
            {
                result.Append('\\');
            }

            result.Append(ch);
        }

        return result.ToString();
    }

    // A link target ends at '|' or ']': percent-encode them so the URL stays whole.
    private static string LinkTarget(string url) => url.Replace("|", "%7C", StringComparison.Ordinal).Replace("]", "%5D", StringComparison.Ordinal);
}
