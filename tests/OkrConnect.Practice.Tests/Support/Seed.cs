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

    /// <summary>
    /// A connector of a kind no tracker is installed for, so links on it are stored as given without asking a tracker:
    /// these tests are about the OKR practice, not trackers. Needs an admin client.
    /// </summary>
    public async Task<JsonElement> UninstalledConnectorAsync() =>
        await (await client.PostJsonAsync("/api/connectors", new
        {
            kind = "test-tracker",
            name = $"tracker-{Guid.NewGuid():N}",
            baseUrl = "https://tracker.example.test",
            credentials = "seed-token",
        })).ReadAsync(HttpStatusCode.Created);

    public async Task<JsonElement> LinkAsync(Guid keyResultId, Guid connectorId, string targetKind = "jira-epic", string targetKey = "PROJ-1") =>
        await (await client.PostJsonAsync($"/api/key-results/{keyResultId}/links", new { connectorId, targetKind, targetKey }))
            .ReadAsync(HttpStatusCode.Created);
}
