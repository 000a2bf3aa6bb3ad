using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// A label on an issue. The OpenAPI description allows either a label object or a bare name, so both are read.
/// https://docs.github.com/en/rest/issues/labels
/// </summary>
[JsonConverter(typeof(LabelPayloadConverter))]
internal sealed record LabelPayload(string Name);

internal sealed class LabelPayloadConverter : JsonConverter<LabelPayload>
{
    public override LabelPayload Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String)
        {
            return new LabelPayload(reader.GetString()!);
        }

        using var label = JsonDocument.ParseValue(ref reader);
        if (label.RootElement.ValueKind == JsonValueKind.Object
            && label.RootElement.TryGetProperty("name", out var name)
            && name.ValueKind == JsonValueKind.String)
        {
            return new LabelPayload(name.GetString()!);
        }

        throw new JsonException("a label is neither a name nor an object with a name");
    }

    public override void Write(Utf8JsonWriter writer, LabelPayload value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Name);
}
