using System.Net.Http.Headers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Notifications;

/// <summary>How payloads are written: property names come from each model's attributes, nulls are left out.</summary>
public static class ChatJson
{
    public static JsonSerializerOptions Options { get; } = new()
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,

        // Chinese text stays readable in the body (it is JSON for an API, never embedded in HTML).
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static HttpRequestMessage Post(Uri url, object payload)
    {
        var json = JsonSerializer.Serialize(payload, payload.GetType(), Options);
        return new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(json, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
    }

    /// <summary>Reads a JSON answer's integer field, or null when the body is not JSON or lacks it.</summary>
    public static long? ReadCode(string body, params string[] names)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            if (document.RootElement.ValueKind != JsonValueKind.Object)
            {
                return null;
            }

            foreach (var name in names)
            {
                if (document.RootElement.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var code))
                {
                    return code;
                }
            }

            return null;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    public static string? ReadString(string body, string name)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty(name, out var value)
                && value.ValueKind == JsonValueKind.String
                ? value.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
