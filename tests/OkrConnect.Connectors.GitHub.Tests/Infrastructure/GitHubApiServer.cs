using System.Text.Json;
using WireMock.Logging;
using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Connectors.GitHub.Tests.Infrastructure;

/// <summary>
/// A WireMock.Net server playing GitHub's REST API for one test. Strict: disposing it fails the test if any request
/// matched no mapping (WireMock would have answered 404, which the connector could mistake for GitHub's own).
/// </summary>
public sealed class GitHubApiServer : IDisposable
{
    private readonly WireMockServer _server = WireMockServer.Start();

    public string Url => _server.Url!;

    public WireMockServer Mock => _server;

    public IReadOnlyList<ILogEntry> Requests => _server.LogEntries.OrderBy(e => e.RequestMessage.DateTime).ToList();

    /// <summary>Path and query of every request received, in order.</summary>
    public IReadOnlyList<string> RequestedUrls =>
        Requests.Select(e => e.RequestMessage.Method + " " + new Uri(e.RequestMessage.Url).PathAndQuery).ToList();

    /// <summary>Matches a method and a path with query; the query's parameters must all be present with these values.</summary>
    public static IRequestBuilder Request(string method, string pathAndQuery)
    {
        var uri = new Uri("http://localhost" + pathAndQuery);
        var request = WireMock.RequestBuilders.Request.Create().WithPath(Uri.UnescapeDataString(uri.AbsolutePath)).UsingMethod(method.ToUpperInvariant());
        foreach (var (key, value) in ParseQuery(uri.Query))
        {
            // WireMock splits comma-separated values (labels=a,b) into a list; match each element.
            request = request.WithParam(key, value.Split(',').Select(v => (WireMock.Matchers.IStringMatcher)new ExactMatcher(v)).ToArray());
        }

        return request;
    }

    public void Json(string method, string pathAndQuery, object body, int status = 200, IDictionary<string, string>? headers = null, int priority = 10)
    {
        var response = Response.Create()
            .WithStatusCode(status)
            .WithHeader("Content-Type", "application/json; charset=utf-8")
            .WithBody(body as string ?? JsonSerializer.Serialize(body));
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        _server.Given(Request(method, pathAndQuery)).AtPriority(priority).RespondWith(response);
    }

    public void Status(string method, string pathAndQuery, int status, IDictionary<string, string>? headers = null, string body = "", int priority = 10)
    {
        var response = Response.Create().WithStatusCode(status).WithBody(body);
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            response = response.WithHeader(name, value);
        }

        _server.Given(Request(method, pathAndQuery)).AtPriority(priority).RespondWith(response);
    }

    /// <summary>Answers in turn: the n-th matching request gets the n-th response (the last one repeats).</summary>
    public void Sequence(string method, string pathAndQuery, params Func<IResponseBuilder>[] responses)
    {
        var scenario = Guid.NewGuid().ToString("N");
        for (var i = 0; i < responses.Length; i++)
        {
            var mapping = _server.Given(Request(method, pathAndQuery)).InScenario(scenario);
            mapping = i == 0 ? mapping : mapping.WhenStateIs($"step{i}");
            if (i < responses.Length - 1)
            {
                mapping = mapping.WillSetStateTo($"step{i + 1}");
            }

            mapping.RespondWith(responses[i]());
        }
    }

    public IReadOnlyList<ILogEntry> RequestsTo(string method, string path) =>
        Requests.Where(e => string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase) && e.RequestMessage.Path == path).ToList();

    public void AssertAllRequestsMatched()
    {
        var unmatched = _server.LogEntries.Where(e => e.MappingGuid is null).Select(e => e.RequestMessage.Method + " " + e.RequestMessage.Url).ToList();
        Assert.True(unmatched.Count == 0, "Requests matched no mapping:\n" + string.Join("\n", unmatched));
    }

    public void Dispose()
    {
        try
        {
            AssertAllRequestsMatched();
        }
        finally
        {
            _server.Stop();
            _server.Dispose();
        }
    }

    private static IEnumerable<(string Key, string Value)> ParseQuery(string query) =>
        query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(pair => pair.Split('=', 2))
            .Select(parts => (Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty));
}
