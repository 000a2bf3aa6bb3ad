using System.Text.Json.Nodes;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Renders the progress comment for Jira Cloud as an Atlassian Document Format document: one panel holding the title,
/// a text progress bar, the breakdown, check-in, risks, when it was computed and a link back.
/// https://developer.atlassian.com/cloud/jira/platform/apis/document/structure/
/// </summary>
internal static class AdfRenderer
{
    public static JsonObject Render(WriteBackContent content, string? locale)
    {
        var text = ProgressCommentText.For(locale);
        var blocks = new JsonArray
        {
            Heading(text.Title(content)),
            Paragraph(Text($"{text.ProgressLabel}: ", "strong"), Text(text.ProgressLine(content))),
        };

        if (text.ManualLine(content) is { } manual)
        {
            blocks.Add(Paragraph(Text(manual, "em")));
        }

        if (!string.IsNullOrWhiteSpace(content.BreakdownText))
        {
            blocks.Add(Paragraph(Text(content.BreakdownText)));
        }

        blocks.Add(Paragraph(Text(text.CountsLine(content))));
        blocks.Add(Paragraph(Text(text.ObjectiveLine(content))));

        if (text.CheckInLine(content) is { } checkIn)
        {
            blocks.Add(Paragraph(Text(checkIn)));
        }

        if (text.StaleLine(content) is { } stale)
        {
            blocks.Add(Paragraph(Text(stale, "em")));
        }

        if (content.AtRisk)
        {
            blocks.Add(Paragraph(Text(text.AtRiskHeading, "strong")));
            var reasons = content.RiskReasons.Where(r => !string.IsNullOrWhiteSpace(r)).ToList();
            if (reasons.Count > 0)
            {
                blocks.Add(BulletList(reasons));
            }
        }

        blocks.Add(Paragraph(Text(text.ComputedLine(content) + " · "), Link(text.OpenLink, content.KeyResultUrl)));

        return new JsonObject
        {
            ["type"] = "doc",
            ["version"] = 1,
            ["content"] = new JsonArray
            {
                new JsonObject
                {
                    ["type"] = "panel",
                    ["attrs"] = new JsonObject { ["panelType"] = PanelType(content) },
                    ["content"] = blocks,
                },
            },
        };
    }

    // The colour says the headline before anyone reads: risk, stale data, done, or plain information.
    private static string PanelType(WriteBackContent content) => content switch
    {
        { AtRisk: true } => "warning",
        { Stale: true } => "note",
        { Progress: >= 1 } => "success",
        _ => "info",
    };

    private static JsonObject Heading(string value) => new()
    {
        ["type"] = "heading",
        ["attrs"] = new JsonObject { ["level"] = 3 },
        ["content"] = new JsonArray { Text(value) },
    };

    private static JsonObject Paragraph(params JsonObject[] inline) => new()
    {
        ["type"] = "paragraph",
        ["content"] = new JsonArray(inline.Cast<JsonNode?>().ToArray()),
    };

    private static JsonObject BulletList(IEnumerable<string> items) => new()
    {
        ["type"] = "bulletList",
        ["content"] = new JsonArray(items
            .Select(item => (JsonNode?)new JsonObject
            {
                ["type"] = "listItem",
                ["content"] = new JsonArray { Paragraph(Text(item)) },
            })
            .ToArray()),
    };

    private static JsonObject Text(string value, string? mark = null)
    {
        // ADF refuses empty text nodes; a single space keeps the document valid if a label is ever blank.
        var node = new JsonObject { ["type"] = "text", ["text"] = value.Length == 0 ? " " : value };
        if (mark is not null)
        {
            node["marks"] = new JsonArray { new JsonObject { ["type"] = mark } };
        }

        return node;
    }

    private static JsonObject Link(string label, string href) => new()
    {
        ["type"] = "text",
        ["text"] = label,
        ["marks"] = new JsonArray
        {
            new JsonObject { ["type"] = "link", ["attrs"] = new JsonObject { ["href"] = href } },
        },
    };
}
