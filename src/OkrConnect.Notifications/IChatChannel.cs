using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications;

/// <summary>
/// One chat platform's incoming webhook: how to check its settings, the request its documentation describes for a
/// message, and how to read its answer. HTTP itself is done once for all by <see cref="ChatSender"/>.
/// </summary>
public interface IChatChannel
{
    /// <summary>The stored and wire name: "slack", "teams", "feishu", "dingtalk", "wecom".</summary>
    string Kind { get; }

    /// <summary>Whether the platform signs requests with a secret (Feishu, DingTalk); others refuse one.</summary>
    bool AcceptsSecret { get; }

    /// <summary>What is wrong with the settings, in words an admin can act on; empty when they are usable.</summary>
    IReadOnlyList<string> Validate(ChatChannelSettings settings);

    /// <summary>The request for <paramref name="message"/>; <paramref name="now"/> stamps signatures.</summary>
    HttpRequestMessage CreateRequest(ChatMessage message, ChatChannelSettings settings, DateTimeOffset now);

    /// <summary>Null when the platform accepted the message, otherwise the classified failure.</summary>
    DeliveryFailure? ReadResponse(ChatResponse response);
}

/// <summary>A channel's webhook address (it carries the platform's token) and its optional signing secret, in plaintext.</summary>
public sealed record ChatChannelSettings(string WebhookUrl, string? Secret = null)
{
    // Never print the address or the secret: both are credentials.
    public override string ToString() => "ChatChannelSettings { *** }";
}

/// <summary>The platform's answer as the sender read it; <see cref="RetryAfter"/> from the Retry-After header.</summary>
public sealed record ChatResponse(int StatusCode, string Body, TimeSpan? RetryAfter, IReadOnlyDictionary<string, string> Headers);
