using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.Matchers;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class AppAuthTests : IDisposable
{
    private static readonly TargetRef Parent = new(GitHubTargetKinds.Issue, "octo-org/roadmap#42");

    private readonly ConnectorHarness _harness = new();
    private readonly RSA _key = RSA.Create(2048);

    private GitHubApiServer Server => _harness.Server;

    public void Dispose()
    {
        _harness.Dispose();
        _key.Dispose();
    }

    [Fact]
    public async Task Mints_an_installation_token_with_a_signed_jwt_reuses_it_and_refreshes_it_before_it_expires()
    {
        var start = ConnectorHarness.Start;
        Server.Sequence("POST", "/app/installations/456/access_tokens",
            () => TokenResponse("ghs_first", start.AddHours(1)),
            () => TokenResponse("ghs_second", start.AddHours(2)));
        SubIssuesFor("Bearer ghs_first", 1);
        SubIssuesFor("Bearer ghs_second", 2);

        var first = await FetchAsync("""{"auth":"app","appId":123,"installationId":456}""");
        _harness.Time.Advance(TimeSpan.FromMinutes(30));
        var second = await FetchAsync("""{"auth":"app","appId":123,"installationId":456}""");
        _harness.Time.Advance(TimeSpan.FromMinutes(26)); // 56 min: inside the 5-minute refresh margin
        var third = await FetchAsync("""{"auth":"app","appId":123,"installationId":456}""");

        Assert.Equal("octo-org/roadmap#1", first.Targets[0].Items.Single().ExternalId);
        Assert.Equal("octo-org/roadmap#1", second.Targets[0].Items.Single().ExternalId);
        Assert.Equal("octo-org/roadmap#2", third.Targets[0].Items.Single().ExternalId);

        var mints = Server.RequestsTo("POST", "/app/installations/456/access_tokens");
        Assert.Equal(2, mints.Count);
        AssertValidJwt(mints[0], issuedAt: start);
        AssertValidJwt(mints[1], issuedAt: start.AddMinutes(56));
    }

    [Fact]
    public async Task Without_an_installation_id_the_installation_is_looked_up_once_per_owner()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/installation", new { id = 789, account = new { login = "octo-org" }, app_id = 123 });
        Server.Mock.Given(GitHubApiServer.Request("POST", "/app/installations/789/access_tokens"))
            .RespondWith(TokenResponse("ghs_org", ConnectorHarness.Start.AddHours(1)));
        SubIssuesFor("Bearer ghs_org", 1);
        Server.Mock.Given(GitHubApiServer.Request("GET", "/repos/octo-org/roadmap/issues/43/sub_issues?per_page=100"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(new JsonArray(Fixture.Issue(3)).ToJsonString()));

        var result = await _harness.Connector.FetchAsync(
            _harness.Settings("""{"auth":"app","appId":123}""", credentials: Pem()),
            new FetchRequest([Parent, new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#43")], null),
            CancellationToken.None);

        Assert.All(result.Targets, t => Assert.True(t.Complete, t.Error));
        Assert.Single(Server.RequestsTo("GET", "/repos/octo-org/roadmap/installation"));
        Assert.Single(Server.RequestsTo("POST", "/app/installations/789/access_tokens"));
    }

    [Fact]
    public async Task An_installation_that_vanished_is_looked_up_again_on_the_next_call()
    {
        Server.Sequence("GET", "/repos/octo-org/roadmap/installation",
            () => Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"id":789,"account":{"login":"octo-org"}}"""),
            () => Response.Create().WithHeader("Content-Type", "application/json").WithBody("""{"id":790,"account":{"login":"octo-org"}}"""));
        Server.Json("POST", "/app/installations/789/access_tokens", """{"message":"Not Found"}""", status: 404);
        Server.Mock.Given(GitHubApiServer.Request("POST", "/app/installations/790/access_tokens"))
            .RespondWith(TokenResponse("ghs_new", ConnectorHarness.Start.AddHours(1)));
        SubIssuesFor("Bearer ghs_new", 1);
        var settings = _harness.Settings("""{"auth":"app","appId":123}""", credentials: Pem());

        var gone = await _harness.Connector.FetchAsync(settings, new FetchRequest([Parent], null), CancellationToken.None);
        var back = await _harness.Connector.FetchAsync(settings, new FetchRequest([Parent], null), CancellationToken.None);

        Assert.StartsWith("NotFound", gone.Targets[0].Error, StringComparison.Ordinal);
        Assert.True(back.Targets[0].Complete, back.Targets[0].Error);
        Assert.Equal(2, Server.RequestsTo("GET", "/repos/octo-org/roadmap/installation").Count);
    }

    [Fact]
    public async Task An_app_recognises_its_own_comments_by_its_bot_login()
    {
        var keyResult = Guid.NewGuid();
        Server.Mock.Given(GitHubApiServer.Request("POST", "/app/installations/456/access_tokens"))
            .RespondWith(TokenResponse("ghs_first", ConnectorHarness.Start.AddHours(1)));
        Server.Json("GET", "/app", new { id = 123, slug = "okr-connect", name = "OKR Connect", permissions = new { issues = "write", metadata = "read" } });
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/comments?per_page=100", new JsonArray(
            WriteBackTests.Comment(5, MarkdownRenderer.Marker(keyResult) + "\nold", "okr-connect[bot]")));
        Server.Json("PATCH", "/repos/octo-org/roadmap/issues/comments/5", WriteBackTests.Comment(5, "new", "okr-connect[bot]"));

        var result = await _harness.Connector.EnsureWriteBackAsync(
            _harness.Settings("""{"auth":"app","appId":123,"installationId":456}""", credentials: Pem()),
            new WriteBackRequest(Parent, WriteBackMode.Comment, keyResult, Content.Progress(0.3), null),
            CancellationToken.None);

        Assert.Equal(("5", true), (result.RemoteId, result.Written));
    }

    private Task<FetchResult> FetchAsync(string options) =>
        _harness.Connector.FetchAsync(_harness.Settings(options, credentials: Pem()), new FetchRequest([Parent], null), CancellationToken.None);

    private string Pem() => _key.ExportRSAPrivateKeyPem();

    private void SubIssuesFor(string authorization, int issueNumber) =>
        Server.Mock.Given(GitHubApiServer.Request("GET", "/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100")
                .WithHeader("Authorization", new ExactMatcher(authorization)))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(new JsonArray(Fixture.Issue(issueNumber)).ToJsonString()));

    internal static IResponseBuilder TokenResponse(string token, DateTimeOffset expiresAt) =>
        Response.Create().WithStatusCode(201).WithHeader("Content-Type", "application/json").WithBody(new JsonObject
        {
            ["token"] = token,
            ["expires_at"] = expiresAt.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
            ["permissions"] = new JsonObject { ["issues"] = "write", ["metadata"] = "read" },
            ["repository_selection"] = "all",
        }.ToJsonString());

    private void AssertValidJwt(WireMock.Logging.ILogEntry request, DateTimeOffset issuedAt)
    {
        var authorization = request.RequestMessage.Headers!["Authorization"].Single();
        Assert.StartsWith("Bearer ", authorization, StringComparison.Ordinal);
        var parts = authorization["Bearer ".Length..].Split('.');
        Assert.Equal(3, parts.Length);

        var header = JsonDocument.Parse(FromBase64Url(parts[0])).RootElement;
        Assert.Equal("RS256", header.GetProperty("alg").GetString());
        var claims = JsonDocument.Parse(FromBase64Url(parts[1])).RootElement;
        Assert.Equal("123", claims.GetProperty("iss").GetString());
        Assert.Equal(issuedAt.ToUnixTimeSeconds() - 60, claims.GetProperty("iat").GetInt64());
        var lifetime = claims.GetProperty("exp").GetInt64() - issuedAt.ToUnixTimeSeconds();
        Assert.InRange(lifetime, 60, 600);

        var signed = _key.VerifyData(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}"), FromBase64Url(parts[2]), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        Assert.True(signed, "the JWT is not signed with the app's private key");
    }

    private static byte[] FromBase64Url(string value)
    {
        var padded = value.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - (padded.Length % 4)) % 4));
    }
}
