namespace OkrConnect.Core.Practice;

/// <summary>
/// A chat message before any platform shapes it: a title, plain text (each platform applies its own markup), label/value
/// facts and an optional link. Text is never markup so it cannot break a platform's formatting.
/// </summary>
public sealed record ChatMessage(
    string Title,
    string Text,
    IReadOnlyList<ChatFact> Facts,
    ChatTone Tone,
    string? Url = null,
    string? UrlLabel = null);

public sealed record ChatFact(string Label, string Value);

/// <summary>How urgent a message looks where the platform has colours (card headers).</summary>
public enum ChatTone
{
    Info,
    Warning,
    Alert,
}
