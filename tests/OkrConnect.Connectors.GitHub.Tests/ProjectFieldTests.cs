using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.Matchers;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

/// <summary>
/// Write-back mode "field" against GitHub's GraphQL API. Answers are shaped after the GraphQL reference
/// (https://docs.github.com/en/graphql/reference/objects#projectv2item); there is no public recording.
/// </summary>
public sealed class ProjectFieldTests : IDisposable
{
    private const string Options = """{"projectField":{"owner":"octo-org","projectNumber":5,"fieldName":"OKR progress"}}""";
    private static readonly TargetRef Parent = new(GitHubTargetKinds.Issue, "octo-org/roadmap#42");

    private readonly ConnectorHarness _harness = new();

    private GitHubApiServer Server => _harness.Server;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Sets_the_number_field_when_its_value_differs()
    {
        AnswerItems(Item("PVTI_1", projectNumber: 5, owner: "octo-org", fieldType: "NUMBER", value: 40));
        AnswerMutation();

        var result = await EnsureAsync(0.625);

        Assert.Equal(("PVTI_1", true), (result.RemoteId, result.Written));
        var query = JsonDocument.Parse(GraphQlBodies()[0]).RootElement;
        Assert.Equal("roadmap", query.GetProperty("variables").GetProperty("repo").GetString());
        Assert.Equal("OKR progress", query.GetProperty("variables").GetProperty("field").GetString());
        var mutation = JsonDocument.Parse(GraphQlBodies()[1]).RootElement.GetProperty("variables");
        Assert.Equal(("PVT_5", "PVTI_1", "PVTF_okr"), (mutation.GetProperty("project").GetString(), mutation.GetProperty("item").GetString(), mutation.GetProperty("field").GetString()));
        Assert.Equal(62.5, mutation.GetProperty("number").GetDouble());
    }

    [Fact]
    public async Task Leaves_an_unchanged_value_alone()
    {
        AnswerItems(Item("PVTI_1", projectNumber: 5, owner: "octo-org", fieldType: "NUMBER", value: 62.5));

        var result = await EnsureAsync(0.625);

        Assert.Equal(("PVTI_1", false), (result.RemoteId, result.Written));
        Assert.Single(GraphQlBodies());
    }

    [Fact]
    public async Task An_issue_outside_the_project_is_not_added_and_the_reason_says_so()
    {
        AnswerItems(Item("PVTI_9", projectNumber: 6, owner: "octo-org", fieldType: "NUMBER", value: null));

        var result = await EnsureAsync(0.5);

        Assert.False(result.Written);
        Assert.Contains("not in project octo-org/5", result.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_field_that_is_not_a_number_is_an_invalid_request()
    {
        AnswerItems(Item("PVTI_1", projectNumber: 5, owner: "octo-org", fieldType: null, value: null));

        var failure = await Assert.ThrowsAsync<TrackerException>(() => EnsureAsync(0.5));

        Assert.Equal(TrackerErrorCategory.InvalidRequest, failure.Category);
        Assert.Contains("no field of type Number named \"OKR progress\"", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task GraphQL_errors_are_classified()
    {
        Server.Json("POST", "/graphql", """{"data":{"repository":null},"errors":[{"type":"NOT_FOUND","path":["repository"],"message":"Could not resolve to a Repository with the name 'octo-org/roadmap'."}]}""");

        var failure = await Assert.ThrowsAsync<TrackerException>(() => EnsureAsync(0.5));

        Assert.Equal(TrackerErrorCategory.NotFound, failure.Category);
        Assert.Contains("Could not resolve", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task On_enterprise_server_rest_is_under_api_v3_and_graphql_beside_it()
    {
        Server.Json("GET", "/api/v3/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100", new JsonArray(Fixture.Issue(1)));
        Server.Mock.Given(GitHubApiServer.Request("POST", "/api/graphql"))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(ItemsAnswer(Item("PVTI_1", 5, "octo-org", "NUMBER", 50))));
        var enterprise = new ConnectorSettings(Guid.NewGuid(), Server.Url + "/api/v3", Options, "ghp_token", null, "en");

        var fetched = await _harness.Connector.FetchAsync(enterprise, new FetchRequest([Parent], null), CancellationToken.None);
        var written = await _harness.Connector.EnsureWriteBackAsync(
            enterprise, new WriteBackRequest(Parent, WriteBackMode.Field, Guid.NewGuid(), Content.Progress(0.5), null), CancellationToken.None);

        Assert.True(fetched.Targets[0].Complete, fetched.Targets[0].Error);
        Assert.Equal(("PVTI_1", false), (written.RemoteId, written.Written));
    }

    [Fact]
    public void Project_field_settings_are_validated()
    {
        var problems = GitHubSettings.Validate(
            new ConnectorSettings(Guid.NewGuid(), "https://api.github.com", """{"projectField":{"owner":"octo-org","scale":"per mille"}}""", "t", null, "en"), out _);

        Assert.Contains(problems, p => p.Contains("projectNumber", StringComparison.Ordinal));
        Assert.Contains(problems, p => p.Contains("projectField.scale", StringComparison.Ordinal));
    }

    private Task<WriteBackResult> EnsureAsync(double progress) =>
        _harness.Connector.EnsureWriteBackAsync(
            _harness.Settings(Options), new WriteBackRequest(Parent, WriteBackMode.Field, Guid.NewGuid(), Content.Progress(progress), null), CancellationToken.None);

    private List<string> GraphQlBodies() => Server.RequestsTo("POST", "/graphql").Select(r => r.RequestMessage.Body!).ToList();

    private void AnswerItems(params JsonObject[] items) =>
        Server.Mock.Given(GitHubApiServer.Request("POST", "/graphql").WithBody(new WildcardMatcher("*projectItems*")))
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json").WithBody(ItemsAnswer(items)));

    private static string ItemsAnswer(params JsonObject[] items) => new JsonObject
    {
        ["data"] = new JsonObject
        {
            ["repository"] = new JsonObject
            {
                ["issue"] = new JsonObject { ["projectItems"] = new JsonObject { ["nodes"] = new JsonArray(items) } },
            },
        },
    }.ToJsonString();

    private void AnswerMutation() =>
        Server.Mock.Given(GitHubApiServer.Request("POST", "/graphql").WithBody(new WildcardMatcher("*updateProjectV2ItemFieldValue*")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithHeader("Content-Type", "application/json")
                .WithBody("""{"data":{"updateProjectV2ItemFieldValue":{"projectV2Item":{"id":"PVTI_1"}}}}"""));

    private static JsonObject Item(string id, int projectNumber, string owner, string? fieldType, double? value) => new()
    {
        ["id"] = id,
        ["project"] = new JsonObject
        {
            ["id"] = $"PVT_{projectNumber}",
            ["number"] = projectNumber,
            ["owner"] = new JsonObject { ["login"] = owner },

            // A field that is not a plain field (e.g. single select) matches no fragment and comes back as {}.
            ["field"] = fieldType is null ? new JsonObject() : new JsonObject { ["id"] = "PVTF_okr", ["dataType"] = fieldType },
        },
        ["fieldValueByName"] = value is null ? null : new JsonObject { ["number"] = value },
    };
}
