using System.Net;
using System.Text.Json;
using OkrConnect.Core.Connectors;
using OkrConnect.Connectors.GitHub.Payloads;
using Polly.Timeout;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Turns GitHub's error answers into classified <see cref="TrackerException"/>s. Messages name the request and carry
/// GitHub's own message (never a token or a body we did not understand).
/// https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api
/// </summary>
internal static class GitHubErrors
{
    public static async Task<TrackerException> FromResponseAsync(HttpResponseMessage response, HttpMethod method, Uri url, DateTimeOffset now, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        return Classify(response, body, method, url, now);
    }

    /// <summary>
    /// An Octokit call's failure, classified by the same rules as an HttpClient call's: Octokit's exception carries the
    /// answer (status, headers, body), which is rebuilt into a response and read exactly like one from
    /// <see cref="GitHubTransport"/>. So <c>AuthorizationException</c> (401) is Authentication "credentials rejected",
    /// <c>ForbiddenException</c> (403) Authentication, <c>NotFoundException</c> NotFound, <c>ApiValidationException</c>
    /// (422) InvalidRequest, 5xx Transient (503 Unavailable), and <c>RateLimitExceededException</c>,
    /// <c>SecondaryRateLimitExceededException</c>, <c>AbuseException</c> and the plain <c>ApiException</c> Octokit 14
    /// throws for a 429 are all RateLimited, with the wait read from <c>retry-after</c> / <c>x-ratelimit-reset</c>.
    /// </summary>
    public static TrackerException FromOctokit(Octokit.ApiException exception, HttpMethod method, Uri url, DateTimeOffset now)
    {
        if (exception.HttpResponse is not { } answer)
        {
            // Octokit raised it without an answer in hand: nothing GitHub said can be classified.
            return new TrackerException(
                TrackerErrorCategory.InvalidResponse,
                $"GitHub answered {method} {url.AbsolutePath} with {(int)exception.StatusCode}, which its API does not document here",
                (int)exception.StatusCode,
                innerException: exception);
        }

        using var response = new HttpResponseMessage(answer.StatusCode);
        foreach (var (name, value) in answer.Headers)
        {
            response.Headers.TryAddWithoutValidation(name, value);
        }

        // Octokit's own rate-limit tests (a 403 whose body says "rate limit exceeded", "secondary rate limit" or "abuse
        // detection mechanism") are a subset of RateLimitRefusal's, so its typed exceptions need no separate branch.
        return Classify(response, answer.Body as string ?? string.Empty, method, url, now);
    }

    /// <summary>True for a failure to get any answer: a timeout or a connection that could not be made.</summary>
    public static bool IsSendFailure(Exception exception, CancellationToken ct) =>
        exception is TimeoutRejectedException or HttpRequestException
        || (exception is TaskCanceledException && !ct.IsCancellationRequested);

    /// <summary>A timeout is Transient, a connection failure Unavailable (see <see cref="IsSendFailure"/>).</summary>
    public static TrackerException FromSendFailure(Exception exception, HttpMethod method, Uri url) => exception is HttpRequestException
        ? new TrackerException(TrackerErrorCategory.Unavailable, $"could not reach {url.Host}: {exception.Message}", innerException: exception)
        : new TrackerException(TrackerErrorCategory.Transient, $"GitHub did not answer {method} {url.AbsolutePath} in time", innerException: exception);

    private static TrackerException Classify(HttpResponseMessage response, string body, HttpMethod method, Uri url, DateTimeOffset now)
    {
        var status = response.StatusCode;
        var what = $"GitHub answered {method} {url.AbsolutePath} with {(int)status}";
        var said = GitHubMessage(body) is { } message ? $" ({message})" : string.Empty;
        var code = (int)status;

        if (RateLimitRefusal.RequestedWait(status, response, body, now, repeat: 0) is { } wait)
        {
            return new TrackerException(TrackerErrorCategory.RateLimited, $"{what}: rate limited{said}", code, wait);
        }

        return status switch
        {
            HttpStatusCode.Unauthorized => new(TrackerErrorCategory.Authentication, $"{what}: credentials rejected{said}", code),
            HttpStatusCode.Forbidden => new(TrackerErrorCategory.Authentication, $"{what}: the token lacks a permission for this{said}", code),
            HttpStatusCode.NotFound => new(TrackerErrorCategory.NotFound, $"{what}: not found, or the token cannot see it{said}", code),
            HttpStatusCode.Gone => new(TrackerErrorCategory.NotFound, $"{what}: issues disabled on the repository{said}", code),
            HttpStatusCode.BadRequest or HttpStatusCode.UnprocessableEntity
                => new(TrackerErrorCategory.InvalidRequest, $"{what}: request refused{said}", code),
            HttpStatusCode.RequestTimeout or HttpStatusCode.Conflict or (HttpStatusCode)425
                => new(TrackerErrorCategory.Transient, $"{what}{said}", code, RateLimitRefusal.RetryAfter(response, now)),
            HttpStatusCode.ServiceUnavailable
                => new(TrackerErrorCategory.Unavailable, $"{what}: unavailable{said}", code, RateLimitRefusal.RetryAfter(response, now)),
            >= HttpStatusCode.InternalServerError
                => new(TrackerErrorCategory.Transient, $"{what}: server error{said}", code, RateLimitRefusal.RetryAfter(response, now)),
            _ => new(TrackerErrorCategory.InvalidResponse, $"{what}, which its API does not document here", code),
        };
    }

    /// <summary>
    /// GraphQL reports failures in an <c>errors</c> array (with HTTP 200); its <c>type</c> says what kind.
    /// https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#communicating-with-graphql
    /// </summary>
    public static TrackerException FromGraphQl(IReadOnlyList<GraphQlError> errors, Uri url)
    {
        var first = errors[0];
        var message = $"GitHub answered the GraphQL call to {url.AbsolutePath} with an error ({(first.Message.Length <= 200 ? first.Message : first.Message[..200] + "…")})";
        var category = first.Type switch
        {
            "NOT_FOUND" => TrackerErrorCategory.NotFound,
            "FORBIDDEN" or "INSUFFICIENT_SCOPES" => TrackerErrorCategory.Authentication,
            "RATE_LIMITED" => TrackerErrorCategory.RateLimited,
            _ => TrackerErrorCategory.InvalidRequest,
        };
        return new TrackerException(category, message);
    }

    public static TrackerException UnexpectedBody(HttpMethod method, Uri url, Exception? inner = null) =>
        new(TrackerErrorCategory.InvalidResponse,
            $"GitHub answered {method} {url.AbsolutePath} with a body that is not what its API documents; nothing was taken from it",
            innerException: inner);

    // GitHub's message is short and safe to show; anything longer is cut, anything unparseable is left out.
    private static string? GitHubMessage(string body)
    {
        try
        {
            var message = JsonSerializer.Deserialize<ErrorPayload>(body, GitHubJson.Options)?.Message;
            return message is null ? null : message.Length <= 200 ? message : message[..200] + "…";
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
