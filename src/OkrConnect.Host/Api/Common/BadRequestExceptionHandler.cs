using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;

namespace OkrConnect.Host.Api.Common;

/// <summary>
/// Answers malformed requests (unreadable JSON, a bad enum, a query value of the wrong type) with a
/// problem whose <c>errors</c> name the field, instead of the framework's empty 400.
/// </summary>
internal sealed class BadRequestExceptionHandler(IProblemDetailsService problemDetails) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not BadHttpRequestException badRequest)
        {
            return false;
        }

        var problem = badRequest.InnerException is JsonException json
            ? JsonProblem(json)
            : new ProblemDetails
            {
                Status = badRequest.StatusCode,
                Title = badRequest.StatusCode == StatusCodes.Status400BadRequest ? "The request is invalid." : null,
                Detail = PlainDetail(badRequest),
            };

        httpContext.Response.StatusCode = problem.Status ?? StatusCodes.Status400BadRequest;
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = problem,
            Exception = exception,
        });
    }

    private static HttpValidationProblemDetails JsonProblem(JsonException json)
    {
        var message = JsonErrorMessages.Describe(json);
        return new HttpValidationProblemDetails(new Dictionary<string, string[]>
        {
            [JsonErrorMessages.Field(json)] = [message],
        })
        {
            Status = StatusCodes.Status400BadRequest,
            Title = "The request is invalid.",
            Detail = message,
        };
    }

    private static string PlainDetail(BadHttpRequestException exception) => exception.StatusCode switch
    {
        StatusCodes.Status415UnsupportedMediaType => "Send the body as JSON with Content-Type: application/json.",
        _ when exception.Message.Contains("no body was provided", StringComparison.OrdinalIgnoreCase)
            || exception.Message.Contains("was not provided from body", StringComparison.OrdinalIgnoreCase)
            => "A JSON body is required.",
        _ => exception.Message,
    };
}
