using System.Text;
using System.Text.Json.Nodes;

namespace OkrConnect.Benchmarks.Simulator;

/// <summary>
/// A fixture payload with named holes, rendered by splicing: the fixture is serialised once with placeholder strings,
/// cut at them, and each answer is the pieces with raw JSON values in between. An answer keeps the fixture's shape byte
/// for byte (apart from the holes) at a fraction of the cost of cloning a JSON tree per issue — the simulator shares the
/// machine's two cores with the service it measures.
/// </summary>
public sealed class JsonTemplate
{
    private const string Open = "@@";
    private readonly string[] _pieces;
    private readonly string[] _holes;

    private JsonTemplate(string[] pieces, string[] holes)
    {
        _pieces = pieces;
        _holes = holes;
    }

    /// <summary>A string node that marks a hole named <paramref name="name"/> (replaced by raw JSON, quotes included).</summary>
    public static JsonNode Hole(string name) => JsonValue.Create(Open + name + Open)!;

    public static JsonTemplate From(JsonNode node)
    {
        var text = node.ToJsonString();
        var pieces = new List<string>();
        var holes = new List<string>();
        var at = 0;
        while (true)
        {
            var start = text.IndexOf("\"" + Open, at, StringComparison.Ordinal);
            if (start < 0)
            {
                pieces.Add(text[at..]);
                break;
            }

            var end = text.IndexOf(Open + "\"", start + 3, StringComparison.Ordinal);
            pieces.Add(text[at..start]);
            holes.Add(text[(start + 3)..end]);
            at = end + 3;
        }

        return new JsonTemplate([.. pieces], [.. holes]);
    }

    public IReadOnlyList<string> Holes => _holes;

    /// <summary>Appends the payload; <paramref name="value"/> gives each hole's raw JSON.</summary>
    public void Render(StringBuilder into, Func<string, string> value)
    {
        for (var i = 0; i < _holes.Length; i++)
        {
            into.Append(_pieces[i]).Append(value(_holes[i]));
        }

        into.Append(_pieces[^1]);
    }

    public string Render(Func<string, string> value)
    {
        var text = new StringBuilder(_pieces.Sum(p => p.Length) + 64 * _holes.Length);
        Render(text, value);
        return text.ToString();
    }

    /// <summary>A JSON string literal, quotes included.</summary>
    public static string Str(string? value) => value is null ? "null" : JsonValue.Create(value)!.ToJsonString();
}
