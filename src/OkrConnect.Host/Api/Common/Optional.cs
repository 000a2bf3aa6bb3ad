using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Host.Api.Common;

/// <summary>
/// A PATCH field: absent (keep the stored value) is different from present, and present-with-null
/// (clear it) is different from both. <c>default</c> is absent.
/// </summary>
[JsonConverter(typeof(OptionalJsonConverterFactory))]
public readonly struct Optional<T>
{
    public Optional(T value)
    {
        Value = value;
        IsSet = true;
    }

    public bool IsSet { get; }

    public T Value { get; }

    public T Or(T current) => IsSet ? Value : current;

    /// <summary>Present and null: the client asked to clear the value.</summary>
    public bool IsSetToNull => IsSet && Value is null;
}

public sealed class OptionalJsonConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) =>
        typeToConvert.IsGenericType && typeToConvert.GetGenericTypeDefinition() == typeof(Optional<>);

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(
            typeof(OptionalJsonConverter<>).MakeGenericType(typeToConvert.GetGenericArguments()[0]))!;

    private sealed class OptionalJsonConverter<T> : JsonConverter<Optional<T>>
    {
        // Null must reach Read: it means "clear", not "absent".
        public override bool HandleNull => true;

        public override Optional<T> Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
        {
            var inner = (JsonConverter<T>)options.GetConverter(typeof(T));
            if (reader.TokenType == JsonTokenType.Null && !inner.HandleNull)
            {
                return default(T) is null
                    ? new Optional<T>(default!)
                    : throw new JsonException("null is not allowed here.");
            }

            // Reading through the inner converter (not a nested Deserialize) keeps error paths like "$.type".
            return new Optional<T>(inner.Read(ref reader, typeof(T), options)!);
        }

        public override void Write(Utf8JsonWriter writer, Optional<T> value, JsonSerializerOptions options) =>
            JsonSerializer.Serialize(writer, value.Value, options);
    }
}
