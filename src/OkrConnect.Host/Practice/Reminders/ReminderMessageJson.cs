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

    /// <summary>A tracker delivery's message: the chat message's fields plus <c>tracker</c> (its target), so <see cref="Read"/> still reads its title.</summary>
    public static string WriteTracker(TrackerReminderMessage message) => JsonSerializer.Serialize(message, Options);

    /// <summary>Null when the JSON is not a tracker delivery's message.</summary>
    public static TrackerReminderMessage? ReadTracker(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<TrackerReminderMessage>(json, Options) is { Tracker: not null } message ? message : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
