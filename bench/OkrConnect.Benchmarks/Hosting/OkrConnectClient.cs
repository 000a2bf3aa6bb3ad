using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace OkrConnect.Benchmarks.Hosting;

/// <summary>A sync run as <c>GET /api/connectors/{id}/sync-runs</c> shows it.</summary>
public sealed record SyncRunInfo(
    Guid Id, string Trigger, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt, int ApiCalls, int ItemsFetched, int WritesMade, IReadOnlyList<string> Errors)
{
    public TimeSpan? Duration => FinishedAt - StartedAt;

    public static SyncRunInfo From(JsonNode run) => new(
        Guid.Parse(run["id"]!.GetValue<string>()),
        run["trigger"]!.GetValue<string>(),
        run["status"]!.GetValue<string>(),
        run["startedAt"]!.GetValue<DateTimeOffset>(),
        run["finishedAt"]?.GetValue<DateTimeOffset>(),
        run["apiCalls"]!.GetValue<int>(),
        run["itemsFetched"]!.GetValue<int>(),
        run["writesMade"]!.GetValue<int>(),
        run["errors"]?.AsArray().Select(e => e!.GetValue<string>()).ToList() ?? []);
}

/// <summary>
/// The public REST API of one OkrConnect host, as an admin: the secret → token exchange, then cycles, objectives, key
/// results, connectors, links, syncs and webhooks. Nothing here reaches into the host's internals.
/// </summary>
public sealed class OkrConnectClient : IDisposable
{
    private readonly HttpClient _http;

    private OkrConnectClient(HttpClient http, string url)
    {
        _http = http;
        Url = url;
    }

    public string Url { get; }

    public string Token { get; private set; } = "";

    public static async Task<OkrConnectClient> ConnectAsync(string url, string subject, string secret, CancellationToken ct)
    {
        var http = new HttpClient(new SocketsHttpHandler { MaxConnectionsPerServer = 64, PooledConnectionLifetime = TimeSpan.FromMinutes(10) })
        {
            BaseAddress = new Uri(url),
            Timeout = TimeSpan.FromMinutes(10),
        };
        var client = new OkrConnectClient(http, url);
        var token = await client.PostAsync("/api/auth/token", new JsonObject { ["subject"] = subject, ["secret"] = secret }, ct);
        client.Token = token["accessToken"]!.GetValue<string>();
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", client.Token);
        return client;
    }

    public async Task<Guid> CreateCycleAsync(string name, CancellationToken ct)
    {
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var cycle = await PostAsync("/api/cycles", new JsonObject
        {
            ["name"] = name,
            ["startDate"] = today.AddDays(-30).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["endDate"] = today.AddDays(60).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["state"] = "active",
        }, ct);
        return IdOf(cycle);
    }

    public async Task<Guid> CreateObjectiveAsync(Guid cycleId, string title, CancellationToken ct) =>
        IdOf(await PostAsync("/api/objectives", new JsonObject { ["cycleId"] = cycleId, ["title"] = title, ["level"] = "team" }, ct));

    public async Task<Guid> CreateKeyResultAsync(Guid objectiveId, string title, CancellationToken ct) =>
        IdOf(await PostAsync($"/api/objectives/{objectiveId}/key-results", new JsonObject { ["title"] = title, ["measure"] = "work" }, ct));

    public async Task<Guid> CreateConnectorAsync(string kind, string name, string baseUrl, JsonObject options, string credentials, string webhookSecret, CancellationToken ct) =>
        IdOf(await PostAsync("/api/connectors", new JsonObject
        {
            ["kind"] = kind,
            ["name"] = name,
            ["baseUrl"] = baseUrl,
            ["options"] = options,
            ["credentials"] = credentials,
            ["webhookSecret"] = webhookSecret,
            // Once a year: the benchmark triggers every run itself, so no scheduled run lands in the middle of a phase.
            ["syncCron"] = "0 3 1 1 *",
        }, ct));

    public async Task<Guid> CreateLinkAsync(Guid keyResultId, Guid connectorId, string targetKind, string targetKey, string writeBack, CancellationToken ct) =>
        IdOf(await PostAsync($"/api/key-results/{keyResultId}/links", new JsonObject
        {
            ["connectorId"] = connectorId,
            ["targetKind"] = targetKind,
            ["targetKey"] = targetKey,
            ["writeBack"] = writeBack,
        }, ct));

    /// <summary>POST /api/connectors/{id}/test: false with the reason when no connector of the kind is installed.</summary>
    public async Task<(bool Installed, string Answer)> TestConnectorAsync(Guid connectorId, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"/api/connectors/{connectorId}/test", null, ct);
        var body = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode != HttpStatusCode.Conflict, body);
    }

    /// <summary>Queues a sync (a Hangfire job) or, with <paramref name="wait"/>, runs it in the request.</summary>
    public async Task<(HttpStatusCode Status, JsonNode? Body)> SyncAsync(Guid connectorId, bool wait, CancellationToken ct)
    {
        using var response = await _http.PostAsync($"/api/connectors/{connectorId}/sync{(wait ? "?wait=true" : "")}", null, ct);
        var text = await response.Content.ReadAsStringAsync(ct);
        return (response.StatusCode, text.Length > 0 ? JsonNode.Parse(text) : null);
    }

    public async Task<IReadOnlyList<SyncRunInfo>> SyncRunsAsync(Guid connectorId, CancellationToken ct)
    {
        var runs = new List<SyncRunInfo>();
        for (var offset = 0; ; offset += 200)
        {
            var page = await GetAsync($"/api/connectors/{connectorId}/sync-runs?offset={offset}&limit=200", ct);
            var items = page["items"]!.AsArray();
            runs.AddRange(items.Select(i => SyncRunInfo.From(i!)));
            if (items.Count < 200)
            {
                return runs;
            }
        }
    }

    /// <summary>
    /// Runs the connector's recurring (scheduled, incremental) sync now, as the Hangfire dashboard's "Trigger now"
    /// button does. False when the dashboard refused (the caller then falls back to the cron).
    /// </summary>
    public async Task<bool> TriggerRecurringAsync(string recurringJobId, CancellationToken ct)
    {
        using var content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", recurringJobId)]);
        using var response = await _http.PostAsync("/hangfire/recurring/trigger", content, ct);
        return response.IsSuccessStatusCode;
    }

    public async Task PatchConnectorCronAsync(Guid connectorId, string cron, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Patch, $"/api/connectors/{connectorId}")
        {
            Content = new StringContent(new JsonObject { ["syncCron"] = cron }.ToJsonString(), Encoding.UTF8, "application/json"),
        };
        using var response = await _http.SendAsync(request, ct);
        await EnsureAsync(response, ct);
    }

    /// <summary>Sends a webhook delivery (anonymous, signed) and returns the status and the time to the full answer.</summary>
    public async Task<(int Status, double Milliseconds)> WebhookAsync(HttpClient client, string kind, Guid connectorId, byte[] body, IReadOnlyDictionary<string, string> headers, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"{Url}/webhooks/{kind}/{connectorId}") { Content = new ByteArrayContent(body) };
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        var watch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request, ct);
        await response.Content.ReadAsByteArrayAsync(ct);
        return ((int)response.StatusCode, watch.Elapsed.TotalMilliseconds);
    }

    public async Task<JsonNode> GetAsync(string path, CancellationToken ct)
    {
        using var response = await _http.GetAsync(path, ct);
        return await EnsureAsync(response, ct);
    }

    public async Task<JsonNode> PostAsync(string path, JsonNode body, CancellationToken ct)
    {
        using var content = new StringContent(body.ToJsonString(), Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync(path, content, ct);
        return await EnsureAsync(response, ct);
    }

    public void Dispose() => _http.Dispose();

    private static async Task<JsonNode> EnsureAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (!response.IsSuccessStatusCode)
        {
            throw new HttpRequestException($"{response.RequestMessage?.Method} {response.RequestMessage?.RequestUri?.PathAndQuery} answered {(int)response.StatusCode}: {text}");
        }

        return text.Length == 0 ? new JsonObject() : JsonNode.Parse(text)!;
    }

    private static Guid IdOf(JsonNode node) => Guid.Parse(node["id"]!.GetValue<string>());
}
