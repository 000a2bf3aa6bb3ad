using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Reminders;

/// <summary>/api/connectors/{id}/accounts: admins map a person to their tracker account; nobody else may, and bad input is a 400 problem.</summary>
public sealed class TrackerAccountsApiTests : IClassFixture<PracticeFactory>
{
    private const string Credentials = "okr-bot@example.com:mapping-token-do-not-leak";
    private readonly HttpClient _admin;
    private readonly HttpClient _manager;

    public TrackerAccountsApiTests(PracticeFactory factory)
    {
        _admin = factory.CreateClientFor(Role.Admin, "root");
        _manager = factory.CreateClientFor(Role.Manager, "maria", "web");
    }

    [Fact]
    public async Task An_admin_sets_reads_replaces_and_removes_a_persons_account()
    {
        var connector = await ConnectorAsync("jira", new { deployment = "cloud" });
        var url = $"/api/connectors/{connector}/accounts";

        var set = await (await _admin.PutJsonAsync($"{url}/alice", new { account = "5b10a2844c20165700ede21g" })).ReadAsync();
        await (await _admin.PutJsonAsync($"{url}/bob", new { account = "712020:5b10ac8d-82e0-5b22-cc7d-4ef5aa11bb22" })).ReadAsync();
        var replaced = await (await _admin.PutJsonAsync($"{url}/alice", new { account = "557058:f58131cb-b67d-43c7-b30d-6b58d40bd077" })).ReadAsync();
        var list = await _admin.GetJsonAsync(url);
        var one = await _admin.GetJsonAsync($"{url}/alice");

        Assert.Equal((connector, "alice", "5b10a2844c20165700ede21g", "root"), (set.Get("connectorId").GetGuid(), set.Str("subject"), set.Str("account"), set.Str("updatedBy")));
        Assert.Equal("557058:f58131cb-b67d-43c7-b30d-6b58d40bd077", replaced.Str("account"));
        Assert.Equal(["alice", "bob"], list.EnumerateArray().Select(a => a.Str("subject")));
        Assert.Equal(replaced.GetRawText(), one.GetRawText());
        foreach (var text in new[] { set.GetRawText(), list.GetRawText(), one.GetRawText() })
        {
            Assert.DoesNotContain("mapping-token-do-not-leak", text, StringComparison.Ordinal);
        }

        Assert.Equal(HttpStatusCode.NoContent, (await _admin.DeleteAsync($"{url}/alice")).StatusCode);
        await _admin.GetJsonAsync($"{url}/alice", HttpStatusCode.NotFound);
        await (await _admin.DeleteAsync($"{url}/alice")).ReadAsync(HttpStatusCode.NotFound);
        Assert.Equal(["bob"], (await _admin.GetJsonAsync(url)).EnumerateArray().Select(a => a.Str("subject")));
    }

    [Fact]
    public async Task Only_admins_may_read_or_change_accounts()
    {
        var connector = await ConnectorAsync("github", new { });
        var url = $"/api/connectors/{connector}/accounts";

        await _manager.GetJsonAsync(url, HttpStatusCode.Forbidden);
        await _manager.GetJsonAsync($"{url}/maria", HttpStatusCode.Forbidden);
        await (await _manager.PutJsonAsync($"{url}/maria", new { account = "maria-gh" })).ReadAsync(HttpStatusCode.Forbidden);
        await (await _manager.DeleteAsync($"{url}/maria")).ReadAsync(HttpStatusCode.Forbidden);

        Assert.Empty((await _admin.GetJsonAsync(url)).EnumerateArray());
    }

    [Fact]
    public async Task Bad_input_is_a_problem_naming_each_field()
    {
        var jira = await ConnectorAsync("jira", new { deployment = "cloud" });
        var dataCenter = await ConnectorAsync("jira", new { deployment = "datacenter" });
        var github = await ConnectorAsync("github", new { });

        var missing = await _admin.PutJsonAsync($"/api/connectors/{jira}/accounts/alice", new { });
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
        Assert.Equal(["account"], (await missing.ReadAsync(HttpStatusCode.BadRequest)).ErrorFields());

        var email = await (await _admin.PutJsonAsync($"/api/connectors/{jira}/accounts/alice", new { account = "alice@example.com" })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("accountId", email.Get("errors").Get("account")[0].GetString(), StringComparison.Ordinal);
        var spaces = await (await _admin.PutJsonAsync($"/api/connectors/{jira}/accounts/%20alice", new { account = " 5b10a2844c20165700ede21g" })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["subject", "account"], spaces.ErrorFields());
        await (await _admin.PutJsonAsync($"/api/connectors/{dataCenter}/accounts/alice", new { account = "alice smith" })).ReadAsync(HttpStatusCode.BadRequest);
        await (await _admin.PutJsonAsync($"/api/connectors/{dataCenter}/accounts/alice", new { account = "asmith" })).ReadAsync();
        var at = await (await _admin.PutJsonAsync($"/api/connectors/{github}/accounts/alice", new { account = "@alice" })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Contains("without the @", at.Get("errors").Get("account")[0].GetString(), StringComparison.Ordinal);
        await (await _admin.PutJsonAsync($"/api/connectors/{github}/accounts/alice", new { account = new string('a', 201) })).ReadAsync(HttpStatusCode.BadRequest);

        await (await _admin.PutJsonAsync($"/api/connectors/{Guid.NewGuid()}/accounts/alice", new { account = "alice" })).ReadAsync(HttpStatusCode.NotFound);
        var uninstalled = (await new Seed(_admin).UninstalledConnectorAsync()).Id();
        var conflict = await (await _admin.PutJsonAsync($"/api/connectors/{uninstalled}/accounts/alice", new { account = "alice" })).ReadAsync(HttpStatusCode.Conflict);
        Assert.Contains("cannot post reminder comments", conflict.Str("detail"), StringComparison.Ordinal);
    }

    private async Task<Guid> ConnectorAsync(string kind, object options) =>
        (await (await _admin.PostJsonAsync("/api/connectors", new
        {
            kind,
            name = $"{kind}-{Guid.NewGuid():N}",
            baseUrl = kind == "github" ? "https://api.github.com" : "https://example.atlassian.net",
            options,
            credentials = kind == "github" ? "ghp_mapping-token-do-not-leak" : Credentials,
        })).ReadAsync(HttpStatusCode.Created)).Id();
}
