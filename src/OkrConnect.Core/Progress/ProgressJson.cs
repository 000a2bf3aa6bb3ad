using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Core.Progress;

/// <summary>
/// The stored JSON shape of breakdowns and roll-ups: camelCase, enums as kebab-case names ("status-weighted"),
/// so stored rows stay readable and survive enum reordering.
/// </summary>
public static class ProgressJson
{
    public static JsonSerializerOptions Options { get; } = CreateOptions();

    private static JsonSerializerOptions CreateOptions()
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
        };

        // Shared by every caller: freeze it so nobody changes the stored format by accident.
        options.MakeReadOnly(populateMissingResolver: true);
        return options;
    }

    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    public static T? Deserialize<T>(string json) => JsonSerializer.Deserialize<T>(json, Options);
}
