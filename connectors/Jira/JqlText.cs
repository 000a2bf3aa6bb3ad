using System.Text.RegularExpressions;

namespace OkrConnect.Connectors.Jira;

/// <summary>Small, careful JQL composition: issue keys are validated before they enter a query, never quoted blindly.</summary>
internal static partial class JqlText
{
    /// <summary>Restricts a user's JQL with one more clause, keeping its ORDER BY at the end where JQL requires it.</summary>
    public static string And(string jql, string? clause)
    {
        if (clause is null)
        {
            return jql;
        }

        var orderAt = OrderByIndex(jql);
        var where = (orderAt < 0 ? jql : jql[..orderAt]).Trim();
        var orderBy = orderAt < 0 ? string.Empty : " " + jql[orderAt..].Trim();
        return where.Length == 0 ? clause + orderBy : $"({where}) AND {clause}{orderBy}";
    }

    /// <summary>Where a top-level ORDER BY starts, ignoring the words inside quoted strings; -1 when there is none.</summary>
    internal static int OrderByIndex(string jql)
    {
        foreach (Match match in OrderBy().Matches(jql))
        {
            if (!InsideQuotes(jql, match.Index))
            {
                return match.Index;
            }
        }

        return -1;
    }

    private static bool InsideQuotes(string text, int index)
    {
        char? quote = null;
        for (var i = 0; i < index; i++)
        {
            var ch = text[i];
            if (ch == '\\')
            {
                i++;
            }
            else if (quote is null && ch is '"' or '\'')
            {
                quote = ch;
            }
            else if (ch == quote)
            {
                quote = null;
            }
        }

        return quote is not null;
    }

    [GeneratedRegex(@"\border\s+by\b", RegexOptions.IgnoreCase)]
    private static partial Regex OrderBy();

    [GeneratedRegex("^[A-Za-z][A-Za-z0-9_]*-[0-9]+$")]
    public static partial Regex IssueKey();
}
