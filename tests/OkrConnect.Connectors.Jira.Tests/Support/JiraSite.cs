using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Connectors;
using WireMock.Logging;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Connectors.Jira.Tests.Support;

/// <summary>
/// A fake Jira site per test: a WireMock server, the connector resolved through <c>AddJiraConnector</c> (tiny retry
/// delays), and strictness: disposing fails the test when any request matched no stub.
/// </summary>
public sealed class JiraSite : IDisposable
{
    public const string ApiToken = "api-token-not-a-secret";
    public const string WebhookSecret = "It's a Secret to Everybody";

    private readonly ServiceProvider _services;

    public JiraSite(TimeSpan? maxRetryAfter = null)
    {
        Server = WireMockServer.Start();
        _services = new ServiceCollection()
            .AddJiraConnector(o =>
            {
                o.BaseDelay = TimeSpan.FromMilliseconds(1);
                o.MaxRetryAfter = maxRetryAfter ?? TimeSpan.FromSeconds(5);
                o.AttemptTimeout = TimeSpan.FromSeconds(10);
            })
            .BuildServiceProvider();
        Connector = _services.GetServices<ITrackerConnector>().Single(c => c.Kind == "jira");
    }

    public WireMockServer Server { get; }

    public ITrackerConnector Connector { get; }

    public ConnectorSettings Cloud(string options = """{"deployment":"cloud","email":"okr-bot@example.com"}""", string locale = "en") =>
        new(Guid.NewGuid(), Server.Url!, options, ApiToken, WebhookSecret, locale);

    public ConnectorSettings DataCenter(string options = """{"deployment":"datacenter"}""", string locale = "en") =>
        new(Guid.NewGuid(), Server.Url! + "/jira", options, ApiToken, WebhookSecret, locale);

    /// <summary>Answers a request with a fixture file as JSON.</summary>
    public void Reply(IRequestBuilder request, string fixture, int status = 200, params (string Name, string Value)[] headers) =>
        Server.Given(request).RespondWith(Json(status, Fixture.Text(fixture), headers));

    public void ReplyJson(IRequestBuilder request, string json, int status = 200) =>
        Server.Given(request).RespondWith(Json(status, json, []));

    public static IResponseBuilder Json(int status, string body, (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        return response;
    }

    public IReadOnlyList<ILogEntry> Requests(string method, string path) =>
        Server.LogEntries
            .Where(e => string.Equals(e.RequestMessage.Method, method, StringComparison.OrdinalIgnoreCase) && e.RequestMessage.Path == path)
            .ToList();

    public static JsonNode BodyOf(ILogEntry entry) => JsonNode.Parse(entry.RequestMessage.Body!)!;

    public static string JqlOf(ILogEntry entry) => BodyOf(entry)["jql"]!.GetValue<string>();

    public static string Header(ILogEntry entry, string name) =>
        entry.RequestMessage.Headers!.First(h => string.Equals(h.Key, name, StringComparison.OrdinalIgnoreCase)).Value.Single();

    public void AssertNoUnmatchedRequests()
    {
        var unmatched = Server.LogEntries
            .Where(e => e.MappingGuid is null || e.MappingGuid == Guid.Empty)
            .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")
            .ToList();
        Assert.True(unmatched.Count == 0, "requests no stub matched:\n" + string.Join("\n", unmatched));
    }

    public void Dispose()
    {
        try
        {
            AssertNoUnmatchedRequests();
        }
        finally
        {
            Server.Stop();
            Server.Dispose();
            _services.Dispose();
        }
    }

    /// <summary>The <c>X-Hub-Signature</c> Jira sends: HMAC-SHA256 of the raw body, hex.</summary>
    public static string Sign(byte[] body, string secret = WebhookSecret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
