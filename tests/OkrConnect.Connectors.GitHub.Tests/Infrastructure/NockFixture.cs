using System.Text.Json;
using System.Text.Json.Nodes;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests.Infrastructure;

/// <summary>
/// One recorded exchange of an octokit/fixtures file: a nock interaction (method, path, status, headers, body).
/// These files are not WireMock mappings; <see cref="Register"/> turns an interaction into one.
/// </summary>
public sealed record NockInteraction(string Method, string Path, int Status, IReadOnlyList<KeyValuePair<string, string>> Headers, JsonNode? Body)
{
    // Recomputed by the server, or meaningless outside the recording.
    private static readonly HashSet<string> SkippedHeaders = new(StringComparer.OrdinalIgnoreCase) { "content-length", "connection", "transfer-encoding", "date", "server" };

    public string? Header(string name) => Headers.FirstOrDefault(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value;

    /// <summary>
    /// Adds this interaction to the server, matched on <paramref name="requestPathAndQuery"/> (the recorded path unless
    /// overridden), with recorded api.github.com URLs in headers pointed at the test server.
    /// </summary>
    public void Register(GitHubApiServer server, string? requestPathAndQuery = null, int priority = 10)
    {
        var response = Response.Create().WithStatusCode(Status).WithBody(Body?.ToJsonString() ?? string.Empty);
        foreach (var (name, value) in Headers.Where(h => !SkippedHeaders.Contains(h.Key)))
        {
            response = response.WithHeader(name, value.Replace("https://api.github.com", server.Url, StringComparison.Ordinal));
        }

        server.Mock.Given(GitHubApiServer.Request(Method, requestPathAndQuery ?? Path)).AtPriority(priority).RespondWith(response);
    }
}

public static class NockFixture
{
    public static IReadOnlyList<NockInteraction> Load(string relative)
    {
        var interactions = new List<NockInteraction>();
        foreach (var node in Fixture.Json(relative).AsArray())
        {
            var headers = new List<KeyValuePair<string, string>>();
            if (node!["rawHeaders"] is JsonArray raw)
            {
                for (var i = 0; i + 1 < raw.Count; i += 2)
                {
                    headers.Add(new(raw[i]!.GetValue<string>(), raw[i + 1]!.ToString()));
                }
            }
            else if (node["headers"] is JsonObject named)
            {
                headers.AddRange(named.Select(h => new KeyValuePair<string, string>(h.Key, h.Value!.ToString())));
            }

            interactions.Add(new NockInteraction(
                node["method"]!.GetValue<string>().ToUpperInvariant(),
                node["path"]!.GetValue<string>(),
                node["status"]!.GetValue<int>(),
                headers,
                node["response"] is JsonNode body && body.GetValueKind() != JsonValueKind.String ? body : null));
        }

        return interactions;
    }
}
