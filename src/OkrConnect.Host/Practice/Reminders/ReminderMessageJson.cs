using System.Text.Json;
using OkrConnect.Core.Practice;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>How a composed message is kept in a delivery row, so every retry sends exactly what fell due.</summary>
public static class ReminderMessageJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    public static string Write(ChatMessage message) => JsonSerializer.Serialize(message, Options);

    public static ChatMessage? Read(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<ChatMessage>(json, Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
