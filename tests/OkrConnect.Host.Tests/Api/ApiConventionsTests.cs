using System.Net;
using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>What every endpoint shares: problem details for every error, an OpenAPI document and a reference page.</summary>
public sealed class ApiConventionsTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");

    [Fact]
    public async Task Malformed_json_is_a_400_problem()
    {
        var response = await _manager.SendRawJsonAsync(HttpMethod.Post, "/api/cycles", """{"name": "x", """);

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Contains("not valid JSON", problem.Detail(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_value_of_the_wrong_type_names_the_field()
    {
        var response = await _manager.SendRawJsonAsync(HttpMethod.Post, "/api/objectives", """{"cycleId": 42, "title": "x"}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Single(problem.Errors("cycleId"));
    }

    [Fact]
    public async Task Numbers_are_not_accepted_for_enums()
    {
        var response = await _manager.SendRawJsonAsync(HttpMethod.Post, "/api/cycles", """{"name": "x", "startDate": "2026-01-01", "endDate": "2026-03-31", "state": 1}""");

        var problem = await response.ReadProblemAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["state must be one of: planning, active, closed."], problem.Errors("state"));
    }

    [Fact]
    public async Task A_missing_body_is_a_400_problem()
    {
        var response = await _manager.PostAsync("/api/cycles", new StringContent("", System.Text.Encoding.UTF8, "application/json"));

        await response.ReadProblemAsync(HttpStatusCode.BadRequest);
    }

    [Fact]
    public async Task Unknown_routes_and_bad_ids_are_404_problems()
    {
        await (await _manager.GetAsync("/api/nothing-here")).ReadProblemAsync(HttpStatusCode.NotFound);
        await (await _manager.GetAsync("/api/cycles/not-a-guid")).ReadProblemAsync(HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task Anonymous_calls_are_401_problems()
    {
        await (await factory.CreateAnonymousClient().GetAsync("/api/cycles")).ReadProblemAsync(HttpStatusCode.Unauthorized);
    }

    [Fact]
    public async Task The_openapi_document_and_the_reference_page_are_served()
    {
        var anonymous = factory.CreateAnonymousClient();

        var document = JsonDocument.Parse(await anonymous.GetStringAsync("/openapi/v1.json")).RootElement;
        var page = await anonymous.GetAsync("/scalar");

        var paths = document.GetProperty("paths");
        Assert.True(paths.TryGetProperty("/api/cycles/{id}/map", out _));
        Assert.True(paths.TryGetProperty("/api/key-results/{keyResultId}/check-ins", out _));
        var schemas = document.GetProperty("components").GetProperty("schemas");
        Assert.Equal(["name", "startDate", "endDate"], schemas.GetProperty("CreateCycleRequest").GetProperty("required").EnumerateArray().Select(e => e.GetString()));
        Assert.Equal(0, schemas.GetProperty("UpdateCycleRequest").TryGetProperty("required", out var required) ? required.GetArrayLength() : 0);
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.Contains("text/html", page.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
    }
}
