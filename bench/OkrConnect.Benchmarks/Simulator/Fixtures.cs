using System.Text.Json.Nodes;

namespace OkrConnect.Benchmarks.Simulator;

/// <summary>
/// The connectors' own test fixtures, copied beside the bench at build time (see the .csproj): the simulators answer in
/// exactly those shapes, so the connectors under test parse what they parse in their tests.
/// </summary>
public static class Fixtures
{
    private static readonly string Root = Path.Combine(AppContext.BaseDirectory, "Fixtures");

    public static JsonNode Json(string relativePath)
    {
        var path = Path.Combine(Root, relativePath);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException(
                $"fixture {relativePath} is missing beside the bench ({path}); it is copied from tests/OkrConnect.Connectors.*.Tests/Fixtures at build time",
                path);
        }

        return JsonNode.Parse(File.ReadAllText(path))!;
    }

    public static bool Exists(string relativePath) => File.Exists(Path.Combine(Root, relativePath));
}
