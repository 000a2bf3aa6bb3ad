using System.Net;
using System.Text.Json;

namespace OkrConnect.Practice.Tests.Support;

/// <summary>Creates cycles, objectives, key results, check-ins, connectors and links through the public API.</summary>
public sealed class Seed(HttpClient client)
{
    public async Task<JsonElement> CycleAsync(DateOnly start, DateOnly end, string state = "active", string? name = null) =>
        await (await client.PostJsonAsync("/api/cycles", new
        {
            name = name ?? $"cycle-{Guid.NewGuid():N}"[..14],
            startDate = start,
            endDate = end,
            state,
        })).ReadAsync(HttpStatusCode.Created);

    public async Task<JsonElement> ObjectiveAsync(
        Guid cycleId, string title = "Grow", string visibility = "public", string? team = null, Guid? parentKeyResultId = null, string? owner = null) =>
        await (await client.PostJsonAsync("/api/objectives", new
        {
            cycleId,
            title,
            level = "team",
            visibility,
            team,
            parentKeyResultId,
            owner,
        })).ReadAsync(HttpStatusCode.Created);

    public async Task<JsonElement> KeyResultAsync(
        Guid objectiveId,
        string title = "Ship it",
        string measure = "work",
        string type = "committed",
        double? start = null,
        double? target = null,
        double? current = null,
        string? unit = null,
        string? owner = null) =>
        await (await client.PostJsonAsync($"/api/objectives/{objectiveId}/key-results", new
        {
            title,
            measure,
            type,
            metricStart = start,
            metricTarget = target,
            metricCurrent = current,
            unit,
            owner,
        })).ReadAsync(HttpStatusCode.Created);

    /// <summary>A metric key result from 0 to 100, so its progress is current ÷ 100.</summary>
    public Task<JsonElement> MetricAsync(Guid objectiveId, double? current, string title = "Metric", string type = "committed", string? owner = null) =>
        KeyResultAsync(objectiveId, title, "metric", type, 0, 100, current, owner: owner);

    public async Task<JsonElement> CheckInAsync(Guid keyResultId, int confidence, double? value = null, string status = "on-track") =>
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/check-ins", new { confidence, status, value }))
            .ReadAsync(HttpStatusCode.Created);

    /// <summary>Needs an admin client.</summary>
    public async Task<JsonElement> JiraConnectorAsync() =>
        await (await client.PostJsonAsync("/api/connectors", new
        {
            kind = "jira",
            name = $"jira-{Guid.NewGuid():N}",
            baseUrl = "https://example.atlassian.net",
            options = new { deployment = "cloud" },
            credentials = "seed@example.com:seed-token",
        })).ReadAsync(HttpStatusCode.Created);

    public async Task<JsonElement> LinkAsync(Guid keyResultId, Guid connectorId, string targetKind = "jira-epic", string targetKey = "PROJ-1") =>
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/links", new { connectorId, targetKind, targetKey }))
            .ReadAsync(HttpStatusCode.Created);
}
