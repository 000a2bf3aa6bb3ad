using System.Text;

namespace OkrConnect.Practice.Tests.Support;

/// <summary>A strict RFC 4180 reader, to prove the export parses back to exactly what was written.</summary>
public static class Csv
{
    public static List<List<string>> Parse(string text)
    {
        var rows = new List<List<string>>();
        var row = new List<string>();
        var field = new StringBuilder();
        var quoted = false;
        for (var i = 0; i < text.Length; i++)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"' && i + 1 < text.Length && text[i + 1] == '"')
                {
                    field.Append('"');
                    i++;
                }
                else if (c == '"')
                {
                    quoted = false;
                }
                else
                {
                    field.Append(c);
                }
            }
            else if (c == '"')
            {
                Assert.True(field.Length == 0, "A quote may only open a field.");
                quoted = true;
            }
            else if (c == ',')
            {
                row.Add(field.ToString());
                field.Clear();
            }
            else if (c == '\r')
            {
                Assert.True(i + 1 < text.Length && text[i + 1] == '\n', "Records end with CRLF.");
                row.Add(field.ToString());
                field.Clear();
                rows.Add(row);
                row = [];
                i++;
            }
            else
            {
                Assert.NotEqual('\n', c);
                field.Append(c);
            }
        }

        Assert.False(quoted, "A quoted field is never closed.");
        Assert.True(field.Length == 0 && row.Count == 0, "The last record must end with CRLF.");
        return rows;
    }
}
