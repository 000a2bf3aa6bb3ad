using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Connectors;
using OkrConnect.Sync.Webhooks;

namespace OkrConnect.Host.Sync;

/// <summary>
/// <c>POST /webhooks/{kind}/{connectorId}</c>: anonymous (trackers cannot log in), outside /api; the connector's
/// signature check is the authentication. Answers fast: 202 once stored, 200 for a redelivery, 401 for a bad
/// signature (nothing stored), 404 for an unknown connector or kind.
/// </summary>
public static class WebhooksApi
{
    // Tracker deliveries are a few kilobytes; anything near this is not a webhook we want to buffer.
    private const int MaxBodyBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapWebhooksApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/webhooks/{kind}/{connectorId:guid}", ReceiveWebhook)
            .WithName("ReceiveWebhook")
            .WithTags("Webhooks")
            .AllowAnonymous()
            .DisableAntiforgery();
        return app;
    }

    public static async Task<Results<Accepted<WebhookAnswer>, Ok<WebhookAnswer>, ProblemHttpResult>> ReceiveWebhook(
        string kind, Guid connectorId, HttpRequest request, WebhookReceiver receiver, CancellationToken ct)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"Webhook bodies are limited to {MaxBodyBytes} bytes.");
        }

        var body = await ReadBodyAsync(request, ct);
        if (body is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status413PayloadTooLarge, title: "Payload too large", detail: $"Webhook bodies are limited to {MaxBodyBytes} bytes.");
        }

        var headers = request.Headers.ToDictionary(h => h.Key, h => h.Value.ToString(), StringComparer.OrdinalIgnoreCase);
        var receipt = await receiver.ReceiveAsync(kind, connectorId, new WebhookDelivery(headers, body), ct);
        return receipt switch
        {
            WebhookReceipt.Accepted => TypedResults.Accepted((string?)null, new WebhookAnswer("accepted")),
            WebhookReceipt.Ignored => TypedResults.Accepted((string?)null, new WebhookAnswer("ignored")),
            WebhookReceipt.Duplicate => TypedResults.Ok(new WebhookAnswer("duplicate")),
            WebhookReceipt.InvalidSignature => TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized, title: "Unauthorized", detail: "The webhook signature is missing or does not verify."),
            WebhookReceipt.Malformed => TypedResults.Problem(
                statusCode: StatusCodes.Status400BadRequest, title: "Bad request", detail: "The body is not a webhook delivery this connector understands."),
            _ => TypedResults.Problem(
                statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"No {kind} connector {connectorId} takes webhooks."),
        };
    }

    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}

public sealed record WebhookAnswer(string Status);
