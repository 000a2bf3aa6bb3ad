using System.Text.Json.Nodes;

namespace OkrConnect.Sync.Tests.Support;

/// <summary>Reads payload templates from the build output's Fixtures folder.</summary>
public static class Fixture
{
    public static string Text(string relativePath) =>
        File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", relativePath));

    public static JsonNode Json(string relativePath) => JsonNode.Parse(Text(relativePath))!;
}
