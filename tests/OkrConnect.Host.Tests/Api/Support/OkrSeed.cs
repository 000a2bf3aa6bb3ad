using System.Net;
using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Connectors;
using OkrConnect.Host.Api.Cycles;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.Links;
using OkrConnect.Host.Api.Objectives;

namespace OkrConnect.Host.Tests.Api.Support;

/// <summary>Creates cycles, objectives, key results, connectors and links through the API, for tests to build on.</summary>
internal sealed class OkrSeed(HttpClient client)
{
    public static DateOnly Today => DateOnly.FromDateTime(DateTime.UtcNow);

    public async Task<CycleResponse> CycleAsync(CycleState state = CycleState.Active, DateOnly? start = null, DateOnly? end = null)
    {
        var request = new CreateCycleRequest($"cycle-{Guid.NewGuid():N}", start ?? Today.AddDays(-30), end ?? Today.AddDays(60), state);
        return await (await client.PostJsonAsync("/api/cycles", request)).ReadAsync<CycleResponse>(HttpStatusCode.Created);
    }

    public async Task<ObjectiveResponse> ObjectiveAsync(
        Guid cycleId,
        string title = "Grow the business",
        Visibility visibility = Visibility.Public,
        string? team = null,
        string? owner = null,
        Guid? parentKeyResultId = null,
        double? weight = null)
    {
        var request = new CreateObjectiveRequest(cycleId, title, null, ObjectiveLevel.Team, owner, team, visibility, parentKeyResultId, weight);
        return await (await client.PostJsonAsync("/api/objectives", request)).ReadAsync<ObjectiveResponse>(HttpStatusCode.Created);
    }

    public async Task<KeyResultResponse> KeyResultAsync(
        Guid objectiveId,
        string title = "Ship it",
        KeyResultType type = KeyResultType.Committed,
        MeasureKind measure = MeasureKind.Work,
        double? start = null,
        double? target = null,
        double? current = null,
        string? owner = null,
        double? weight = null)
    {
        var request = new CreateKeyResultRequest(title, owner, type, weight, measure, start, target, current, null);
        return await (await client.PostJsonAsync($"/api/objectives/{objectiveId}/key-results", request))
            .ReadAsync<KeyResultResponse>(HttpStatusCode.Created);
    }

    /// <summary>A metric key result from 0 to 100 whose current value is <paramref name="current"/> (so progress = current / 100).</summary>
    public Task<KeyResultResponse> MetricAsync(Guid objectiveId, double? current, KeyResultType type = KeyResultType.Committed, string? owner = null, double? weight = null) =>
        KeyResultAsync(objectiveId, $"metric-{current}", type, MeasureKind.Metric, 0, 100, current, owner, weight);

    /// <summary>
    /// A Jira Cloud connector whose settings pass the Jira connector's own check. Links on it are checked against
    /// <paramref name="baseUrl"/> when created, so point it at a WireMock Jira in tests that link. Needs an admin client.
    /// </summary>
    public async Task<ConnectorResponse> ConnectorAsync(
        string credentials = "seed@example.com:seed-token", string? webhookSecret = null, string baseUrl = "https://example.atlassian.net")
    {
        using var options = JsonDocument.Parse("""{"deployment":"cloud"}""");
        var request = new CreateConnectorRequest(
            "jira", $"jira-{Guid.NewGuid():N}", baseUrl, options.RootElement.Clone(), null, null, null, credentials, webhookSecret);
        return await (await client.PostJsonAsync("/api/connectors", request)).ReadAsync<ConnectorResponse>(HttpStatusCode.Created);
    }

    /// <summary>
    /// A connector of a kind no tracker is installed for: links on it are stored as given, no tracker is asked. For
    /// tests about OKRs rather than trackers. Needs an admin client.
    /// </summary>
    public async Task<ConnectorResponse> UninstalledConnectorAsync()
    {
        var request = new CreateConnectorRequest(
            UninstalledKind, $"tracker-{Guid.NewGuid():N}", "https://tracker.example.test", null, null, null, null, "seed-token", null);
        return await (await client.PostJsonAsync("/api/connectors", request)).ReadAsync<ConnectorResponse>(HttpStatusCode.Created);
    }

    public const string UninstalledKind = "test-tracker";

    public async Task<LinkResponse> LinkAsync(Guid keyResultId, Guid connectorId, string targetKey = "PROJ-1", double? weight = null)
    {
        var request = new CreateLinkRequest(connectorId, "jira-epic", targetKey, weight, null, null);
        return await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/links", request)).ReadAsync<LinkResponse>(HttpStatusCode.Created);
    }
}
