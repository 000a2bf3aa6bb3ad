using System.Text.Json.Nodes;

namespace OkrConnect.Connectors.GitHub.Tests.Infrastructure;

/// <summary>Reads the recorded payloads copied into Fixtures/ (see Fixtures/README.md).</summary>
public static class Fixture
{
    private static readonly Lazy<JsonNode> RecordedIssue = new(() => NockFixture.Load("github/paginate-issues.raw-fixture.json")
        .First(i => i.Method == "GET" && i.Path.Contains("/issues?per_page=3", StringComparison.Ordinal))
        .Body!.AsArray()[0]!);

    public static string Path(string relative) => System.IO.Path.Combine(AppContext.BaseDirectory, "Fixtures", relative);

    public static byte[] Bytes(string relative) => File.ReadAllBytes(Path(relative));

    public static JsonNode Json(string relative) => JsonNode.Parse(File.ReadAllText(Path(relative)))!;

    /// <summary>
    /// A real issue object from the paginate-issues recording, with only the given fields changed, so the shapes the
    /// connector parses are GitHub's own.
    /// </summary>
    public static JsonObject Issue(
        int number,
        string repository = "octo-org/roadmap",
        string state = "open",
        string? stateReason = null,
        IEnumerable<string>? labels = null,
        bool pullRequest = false,
        string? title = null)
    {
        var recorded = RecordedIssue.Value.DeepClone().AsObject();
        recorded["number"] = number;
        recorded["id"] = 5000 + number;
        recorded["title"] = title ?? $"Issue {number}";
        recorded["state"] = state;
        recorded["state_reason"] = stateReason;
        recorded["repository_url"] = $"https://api.github.com/repos/{repository}";
        recorded["html_url"] = $"https://github.com/{repository}/issues/{number}";
        recorded["labels"] = new JsonArray((labels ?? []).Select(name => (JsonNode)new JsonObject { ["id"] = name.GetHashCode(StringComparison.Ordinal), ["name"] = name, ["color"] = "ededed" }).ToArray());
        if (pullRequest)
        {
            recorded["pull_request"] = new JsonObject { ["url"] = $"https://api.github.com/repos/{repository}/pulls/{number}" };
        }

        return recorded;
    }
}
