using System.Text;
using Microsoft.Extensions.Logging;
using OkrConnect.Core.Practice;

namespace OkrConnect.Notifications;

/// <summary>
/// Sends one message to one channel and classifies the outcome. It never throws for a platform's failure (a failing
/// channel must not stop the others) and never logs the webhook address or secret.
/// </summary>
public sealed class ChatSender(IHttpClientFactory httpClients, ChatChannelCatalog catalog, TimeProvider clock, ILogger<ChatSender> logger)
{
    public const string HttpClientName = "OkrConnect.Chat";

    // A platform's answer is a short status document; anything longer is cut, not buffered whole.
    private const int MaxBodyChars = 16 * 1024;

    /// <returns>Null when delivered, otherwise why not.</returns>
    public async Task<DeliveryFailure?> SendAsync(string kind, ChatChannelSettings settings, ChatMessage message, CancellationToken ct)
    {
        if (catalog.Find(kind) is not { } channel)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, $"'{kind}' is not a known chat platform.");
        }

        var problems = channel.Validate(settings);
        if (problems.Count > 0)
        {
            return new DeliveryFailure(DeliveryFailureCategory.Configuration, string.Join(" ", problems));
        }

        var now = clock.GetUtcNow();
        using var request = channel.CreateRequest(message, settings, now);
        try
        {
            using var response = await httpClients.CreateClient(HttpClientName).SendAsync(request, HttpCompletionOption.ResponseHeadersRead, ct);
            var body = await ReadBodyAsync(response, ct);
            var headers = response.Headers.Concat(response.Content.Headers)
                .GroupBy(h => h.Key, StringComparer.OrdinalIgnoreCase)
                .ToDictionary(g => g.Key, g => string.Join(",", g.SelectMany(h => h.Value)), StringComparer.OrdinalIgnoreCase);
            var failure = channel.ReadResponse(new ChatResponse((int)response.StatusCode, body, RetryAfter(response, now), headers));
            if (failure is not null)
            {
                logger.LogWarning("A {Kind} channel refused a message ({Category}): {Reason}", kind, failure.Category, failure.Message);
            }

            return failure;
        }
        catch (HttpRequestException ex)
        {
            // The exception's message can name the address; only its classification is kept.
            var category = ex.HttpRequestError is HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError or HttpRequestError.SecureConnectionError
                ? DeliveryFailureCategory.Unavailable
                : DeliveryFailureCategory.Transient;
            logger.LogWarning("A {Kind} channel could not be reached: {Error}", kind, ex.HttpRequestError);
            return new DeliveryFailure(category, $"{kind} could not be reached ({ex.HttpRequestError}).");
        }
        catch (TaskCanceledException) when (!ct.IsCancellationRequested)
        {
            logger.LogWarning("A {Kind} channel did not answer in time", kind);
            return new DeliveryFailure(DeliveryFailureCategory.Transient, $"{kind} did not answer in time.");
        }
    }

    private static TimeSpan? RetryAfter(HttpResponseMessage response, DateTimeOffset now) => response.Headers.RetryAfter switch
    {
        { Delta: { } delta } => delta,
        { Date: { } date } when date > now => date - now,
        _ => null,
    };

    private static async Task<string> ReadBodyAsync(HttpResponseMessage response, CancellationToken ct)
    {
        await using var stream = await response.Content.ReadAsStreamAsync(ct);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var buffer = new char[MaxBodyChars];
        var read = await reader.ReadBlockAsync(buffer.AsMemory(), ct);
        return new string(buffer, 0, read);
    }
}
