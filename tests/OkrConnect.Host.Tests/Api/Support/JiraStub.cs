using WireMock.Matchers;
using WireMock.RequestBuilders;
using WireMock.ResponseBuilders;
using WireMock.Server;

namespace OkrConnect.Host.Tests.Api.Support;

/// <summary>
/// Jira Cloud on WireMock.Net for the calls link creation makes: reading an issue and parsing JQL. Answers come from
/// Fixtures/jira-cloud (see its README). Strict: disposing fails the test on any request no stub matched.
/// </summary>
internal sealed class JiraStub : IDisposable
{
    public JiraStub() => Server = WireMockServer.Start();

    public WireMockServer Server { get; }

    public string Url => Server.Url!;

    public static string Fixture(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fixtures", "jira-cloud", name));

    /// <summary>GET /rest/api/3/issue/{key} answers with a fixture issue renamed to <paramref name="key"/>.</summary>
    public JiraStub Issue(string key, string fixture = "issue.epic.json")
    {
        var body = Fixture(fixture).Replace("\"OKR-1\"", $"\"{key}\"", StringComparison.Ordinal).Replace("\"OKR-101\"", $"\"{key}\"", StringComparison.Ordinal);
        return IssueAnswer(key, 200, body);
    }

    public JiraStub IssueAnswer(string key, int status, string body, params (string Name, string Value)[] headers)
    {
        var response = Response.Create().WithStatusCode(status).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(body);
        foreach (var (name, value) in headers)
        {
            response = response.WithHeader(name, value);
        }

        Server.Given(Request.Create().UsingGet().WithPath($"/rest/api/3/issue/{key}")).RespondWith(response);
        return this;
    }

    /// <summary>POST /rest/api/3/jql/parse answers with <paramref name="fixture"/> for a body naming <paramref name="jql"/>.</summary>
    public JiraStub JqlParse(string jql, string fixture)
    {
        Server.Given(Request.Create().UsingPost().WithPath("/rest/api/3/jql/parse").WithBody(new JsonPartialMatcher(new { queries = new[] { jql } })))
            .RespondWith(Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json;charset=UTF-8").WithBody(Fixture(fixture)));
        return this;
    }

    public int Requests => Server.LogEntries.Count;

    public void Dispose()
    {
        try
        {
            var unmatched = Server.LogEntries
                .Where(e => e.MappingGuid is null || e.MappingGuid == Guid.Empty)
                .Select(e => $"{e.RequestMessage.Method} {e.RequestMessage.Url} {e.RequestMessage.Body}")
                .ToList();
            Assert.True(unmatched.Count == 0, "requests no stub matched:\n" + string.Join("\n", unmatched));
        }
        finally
        {
            Server.Stop();
            Server.Dispose();
        }
    }
}
