using Microsoft.Extensions.Options;
using Octokit;
using Octokit.Internal;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Runs Octokit 14 calls on the connector's own HTTP pipeline, so that they are rate-limited, retried, counted and
/// classified exactly like the calls of <see cref="GitHubTransport"/>. There is no second pipeline:
/// <list type="bullet">
/// <item>Octokit's <see cref="Connection"/> is built over an <see cref="HttpClientAdapter"/> whose handler factory returns
/// <c>IHttpMessageHandlerFactory.CreateHandler</c> for the connector's named client: the very chain
/// <c>IHttpClientFactory.CreateClient</c> hands the transport (rate-limit handler, resilience handler, response observer,
/// the pooled primary handler). The adapter wraps it in <c>new HttpClient(new RedirectHandler { InnerHandler = … })</c>
/// and disposes that client with the adapter; the factory's chain is topped by a lifetime-tracking handler whose
/// <c>Dispose</c> does nothing, so disposing one adapter per call never tears the shared chain down.</item>
/// <item>An <see cref="OctokitCallHandler"/> on top of that chain puts the <see cref="GitHubCall"/> on each request (so
/// the rate-limit handler knows the token's budget and settings, and the observer charges the operation), and adds what
/// Octokit 14 does not send.</item>
/// <item>Octokit's exceptions become <see cref="TrackerException"/>s through <see cref="GitHubErrors.FromOctokit"/>,
/// by the same rules as the transport's answers.</item>
/// </list>
/// One Octokit client is made per call (cheap: no sockets, the chain is shared), because the credential and the
/// cancellation token are per call and Octokit's high-level clients take neither per request.
/// </summary>
internal sealed class GitHubOctokit(IHttpMessageHandlerFactory handlers, TimeProvider time, IOptions<GitHubConnectorOptions> options)
{
    // Octokit insists on a product token for its User-Agent; OctokitCallHandler replaces the header with the configured one.
    private static readonly Octokit.ProductHeaderValue Product = new("OkrConnect-GitHub");

    // Stateless apart from its thread-safe reflection caches, so one serves every call.
    private static readonly SimpleJsonSerializer Json = new();

    /// <summary>
    /// Runs <paramref name="send"/> against a client authenticated with the call's token. <paramref name="method"/> and
    /// <paramref name="path"/> name the request in error messages.
    /// </summary>
    public async Task<T> RunAsync<T>(
        GitHubCall call, Uri apiRoot, HttpMethod method, string path, Func<IGitHubClient, Task<T>> send, CancellationToken ct)
    {
        var url = new Uri(apiRoot, path);
        OctokitCallHandler? top = null;
        using var http = new HttpClientAdapter(() => top = new OctokitCallHandler(call, apiRoot, options.Value.UserAgent, ct)
        {
            InnerHandler = handlers.CreateHandler(GitHubTransport.HttpClientName),
        });

        // HttpClient's default 100 s timeout would cut rate-limit waits short; attempts have the pipeline's own timeout.
        http.SetRequestTimeout(Timeout.InfiniteTimeSpan);
        var credentials = new InMemoryCredentialStore(new Credentials(call.Token, AuthenticationType.Bearer));
        var client = new GitHubClient(new Connection(Product, apiRoot, credentials, http, Json));
        try
        {
            return await send(client);
        }
        catch (ApiException ex)
        {
            throw GitHubErrors.FromOctokit(ex, method, url, time.GetUtcNow());
        }
        catch (Exception ex) when (GitHubErrors.IsSendFailure(ex, ct))
        {
            throw GitHubErrors.FromSendFailure(ex, method, url);
        }
        catch (Exception ex) when (top is { Answered: true } && ex is not (TrackerException or OperationCanceledException))
        {
            // GitHub answered, but Octokit could not read the body (SerializationException for invalid JSON,
            // FormatException for a mistyped field, a NullReferenceException for a missing object…).
            throw GitHubErrors.UnexpectedBody(method, url, ex);
        }
    }
}

/// <summary>
/// The top of the chain for one Octokit call. Octokit has built the request (URL, Accept, Authorization); this handler
/// <list type="bullet">
/// <item>refuses to send it off the API's origin (Octokit follows <c>Link</c> and <c>Location</c> URLs wherever they
/// point, with the token; the transport refuses the same for its own paging);</item>
/// <item>attaches the <see cref="GitHubCall"/>, which <see cref="GitHubRateLimitHandler"/> and
/// <see cref="GitHubResponseObserver"/> need, plus the API version header and the connector's User-Agent;</item>
/// <item>sends with the caller's cancellation token instead of Octokit's. Octokit gives every request a fixed 100 s
/// timeout (<c>Request.Timeout</c>, not settable through its high-level clients) and most of its methods take no token.
/// The pipeline below already bounds each attempt (<c>AttemptTimeout</c>) and each rate-limit wait
/// (<c>maxRateLimitWaitSeconds</c>, up to 15 minutes); Octokit's 100 s would cancel those waits, and without the
/// caller's token an abandoned operation would keep waiting.</item>
/// </list>
/// </summary>
internal sealed class OctokitCallHandler(GitHubCall call, Uri apiRoot, string userAgent, CancellationToken callToken) : DelegatingHandler
{
    /// <summary>Whether GitHub answered at least once; a failure after that is Octokit failing to read the answer.</summary>
    public bool Answered { get; private set; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var url = request.RequestUri!;
        if (Uri.Compare(url, apiRoot, UriComponents.SchemeAndServer, UriFormat.Unescaped, StringComparison.OrdinalIgnoreCase) != 0)
        {
            throw new TrackerException(
                TrackerErrorCategory.InvalidResponse,
                $"GitHub pointed {request.Method} to {url.Host}, outside {apiRoot.Host}; the request was not sent, so the token stays with GitHub");
        }

        request.Options.Set(GitHubCall.OptionKey, call);
        request.Headers.Remove("X-GitHub-Api-Version");
        request.Headers.TryAddWithoutValidation("X-GitHub-Api-Version", GitHubTransport.ApiVersion);
        request.Headers.Remove("User-Agent");
        request.Headers.UserAgent.ParseAdd(userAgent);

        var response = await base.SendAsync(request, callToken);
        Answered = true;
        return response;
    }
}
