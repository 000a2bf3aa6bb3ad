using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Options;

namespace OkrConnect.Connectors.GitHub;

/// <summary>One page of a list: not modified (no items), or its items, the next page and the ETag it came with.</summary>
internal sealed record ListPage<T>(bool NotModified, IReadOnlyList<T> Items, Uri? Next, string? ETag);

/// <summary>A parsed answer, the next page it links to, and its headers (for the few callers that read one).</summary>
internal sealed record GitHubResponse<T>(T Value, Uri? Next, HttpResponseHeaders Headers);

/// <summary>
/// Sends one GitHub REST request and makes sense of the answer: auth and API-version headers, conditional GETs against
/// the ETag cache (a 304 returns the stored page), <c>Link</c> paging, JSON parsing at the edge, and classified errors.
/// Retries and rate-limit waits happen below it, in the named HttpClient's handlers.
/// </summary>
internal sealed partial class GitHubTransport(IHttpClientFactory httpClients, TimeProvider time, IOptions<GitHubConnectorOptions> options)
{
    public const string HttpClientName = "OkrConnect.GitHub";

    // https://docs.github.com/en/rest/about-the-rest-api/api-versions
    internal const string ApiVersion = "2022-11-28";

    public async Task<GitHubResponse<T>> SendAsync<T>(
        GitHubCall call, HttpMethod method, Uri url, object? body, EtagCache? etags, CancellationToken ct, JsonSerializerOptions? json = null)
    {
        var cacheable = etags is not null && method == HttpMethod.Get;
        CachedPage<T>? cached = null;
        var conditional = cacheable && etags!.TryGet(url, out cached);
        var answer = await ExchangeAsync<T>(call, method, url, body, conditional ? cached!.ETag : null, json ?? GitHubJson.Options, ct);
        if (answer.NotModified)
        {
            // Reuse what the ETag stands for.
            return new GitHubResponse<T>(cached!.Value, cached.Next, answer.Headers);
        }

        if (cacheable && answer.Headers.ETag is { } etag)
        {
            etags!.Set(url, new CachedPage<T>(etag.ToString(), answer.Value!, answer.Next));
        }

        return new GitHubResponse<T>(answer.Value!, answer.Next, answer.Headers);
    }

    /// <summary>
    /// One GET of a list page, conditional on <paramref name="ifNoneMatch"/> when given: a 304 comes back as
    /// <see cref="ListPage{T}.NotModified"/> with no items, anything else parsed with its ETag and next page.
    /// </summary>
    public async Task<ListPage<T>> GetPageAsync<T>(GitHubCall call, Uri url, string? ifNoneMatch, CancellationToken ct)
    {
        var answer = await ExchangeAsync<IReadOnlyList<T>>(call, HttpMethod.Get, url, null, ifNoneMatch, GitHubJson.Options, ct);
        return answer.NotModified
            ? new ListPage<T>(true, [], null, ifNoneMatch)
            : new ListPage<T>(false, answer.Value!, answer.Next, answer.Headers.ETag?.ToString());
    }

    /// <summary>
    /// One request, conditional on <paramref name="ifNoneMatch"/> when given. A 304 is only valid as the answer to it
    /// and carries no value; any other success is parsed with the next page it links to; a failure is classified.
    /// </summary>
    private async Task<Exchange<T>> ExchangeAsync<T>(
        GitHubCall call, HttpMethod method, Uri url, object? body, string? ifNoneMatch, JsonSerializerOptions json, CancellationToken ct)
    {
        using var request = NewRequest(call, method, url);
        if (ifNoneMatch is not null)
        {
            request.Headers.TryAddWithoutValidation("If-None-Match", ifNoneMatch);
        }

        if (body is not null)
        {
            request.Content = JsonContent.Create(body, options: json);
        }

        using var response = await SendOrClassifyAsync(request, ct);
        if (response.StatusCode == HttpStatusCode.NotModified)
        {
            return ifNoneMatch is null ? throw GitHubErrors.UnexpectedBody(method, url) : new Exchange<T>(true, default, null, response.Headers);
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await GitHubErrors.FromResponseAsync(response, method, url, time.GetUtcNow(), ct);
        }

        var value = await ReadJsonAsync<T>(response, method, url, json, ct);
        return new Exchange<T>(false, value, NextPage(response, url, method), response.Headers);
    }

    private sealed record Exchange<T>(bool NotModified, T? Value, Uri? Next, HttpResponseHeaders Headers);

    /// <summary>Follows <c>Link: rel="next"</c> page by page.</summary>
    public async IAsyncEnumerable<IReadOnlyList<T>> PagesAsync<T>(
        GitHubCall call, Uri first, EtagCache? etags, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        for (Uri? url = first; url is not null;)
        {
            var page = await SendAsync<IReadOnlyList<T>>(call, HttpMethod.Get, url, null, etags, ct);
            yield return page.Value;
            url = page.Next;
        }
    }

    private HttpRequestMessage NewRequest(GitHubCall call, HttpMethod method, Uri url)
    {
        var request = new HttpRequestMessage(method, url);
        request.Options.Set(GitHubCall.OptionKey, call);
        request.Headers.TryAddWithoutValidation("Authorization", call.Authorization);
        request.Headers.Accept.ParseAdd("application/vnd.github+json");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", ApiVersion);
        request.Headers.UserAgent.ParseAdd(options.Value.UserAgent);
        return request;
    }

    private async Task<HttpResponseMessage> SendOrClassifyAsync(HttpRequestMessage request, CancellationToken ct)
    {
        var client = httpClients.CreateClient(HttpClientName);
        try
        {
            return await client.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (Exception ex) when (GitHubErrors.IsSendFailure(ex, ct))
        {
            throw GitHubErrors.FromSendFailure(ex, request.Method, request.RequestUri!);
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, HttpMethod method, Uri url, JsonSerializerOptions json, CancellationToken ct)
    {
        try
        {
            await using var stream = await response.Content.ReadAsStreamAsync(ct);
            return await JsonSerializer.DeserializeAsync<T>(stream, json, ct) ?? throw GitHubErrors.UnexpectedBody(method, url);
        }
        catch (JsonException ex)
        {
            throw GitHubErrors.UnexpectedBody(method, url, ex);
        }
    }

    /// <summary>
    /// The <c>rel="next"</c> URL of a <c>Link</c> header. URLs are read between angle brackets, not split on commas,
    /// because a label query's URL carries commas (<c>labels=a,b</c>). The link must stay on the API's own origin:
    /// the token is sent with it, so a link elsewhere is refused rather than followed.
    /// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
    /// </summary>
    internal static Uri? NextPage(HttpResponseMessage response, Uri current, HttpMethod method)
    {
        if (!response.Headers.TryGetValues("Link", out var values))
        {
            return null;
        }

        foreach (Match link in LinkPattern().Matches(string.Join(",", values)))
        {
            if (!RelNextPattern().IsMatch(link.Groups["params"].Value))
            {
                continue;
            }

            if (!Uri.TryCreate(current, link.Groups["url"].Value, out var next)
                || Uri.Compare(next, current, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
            {
                throw GitHubErrors.UnexpectedBody(method, current);
            }

            return next;
        }

        return null;
    }

    [GeneratedRegex(@"<(?<url>[^>]*)>(?<params>[^<]*)")]
    private static partial Regex LinkPattern();

    [GeneratedRegex(@"\brel=""?next""?(\s*[;,]|\s*$)")]
    private static partial Regex RelNextPattern();
}
