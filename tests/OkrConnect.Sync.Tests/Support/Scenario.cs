using System.Net;
using System.Net.Http.Json;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Sync.Tests.Support;

/// <summary>
/// One OKR set-up on a host: a cycle, an objective and a work key result (stored directly), a Jira connector and a link
/// to an epic (through the API, as an admin and a manager would), plus the calls and reads the tests share.
/// </summary>
public sealed class Scenario
{
    private Scenario(SyncHost host, FakeJira jira)
    {
        Host = host;
        Jira = jira;
        Admin = host.ClientFor(Role.Admin);
        Manager = host.ClientFor(Role.Manager);
    }

    public SyncHost Host { get; }

    public FakeJira Jira { get; }

    public HttpClient Admin { get; }

    public HttpClient Manager { get; }

    public Cycle Cycle { get; private set; } = null!;

    public KeyResult KeyResult { get; private set; } = null!;

    public Guid ConnectorId { get; private set; }

    public Guid LinkId { get; private set; }

    /// <summary>Epic OKR-1 with issues OKR-101..104: two done, one in progress, one closed as "Won't Do".</summary>
    public static async Task<Scenario> StartAsync(SyncHost host, FakeJira jira, string locale = "en")
    {
        jira.AddEpic("OKR-1", "Checkout revamp");
        jira.AddIssue("OKR-1", "OKR-101", "done", "Done", 3);
        jira.AddIssue("OKR-1", "OKR-102", "indeterminate", null, 5);
        jira.AddIssue("OKR-1", "OKR-103", "done", "Done", 2);
        jira.AddIssue("OKR-1", "OKR-104", "done", "Won't Do", 1);

        var scenario = new Scenario(host, jira);
        await scenario.SeedOkrsAsync();
        scenario.ConnectorId = await scenario.CreateConnectorAsync(locale);
        scenario.LinkId = await scenario.CreateLinkAsync("OKR-1");
        return scenario;
    }

    public T Service<T>()
        where T : notnull => Host.Services.GetRequiredService<T>();

    public async Task<Guid> CreateConnectorAsync(string locale = "en")
    {
        var response = await Admin.PostAsJsonAsync("/api/connectors", new
        {
            kind = "jira",
            name = "Fake Jira",
            baseUrl = Jira.Url,
            options = System.Text.Json.JsonDocument.Parse(FakeJira.CloudOptions).RootElement,
            locale,
            syncCron = "*/15 * * * *",
            enabled = true,
            credentials = FakeJira.ApiToken,
            webhookSecret = FakeJira.WebhookSecret,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await SyncHost.ReadAsync<IdOnly>(response)).Id;
    }

    public async Task<Guid> CreateLinkAsync(string epicKey, Guid? keyResultId = null)
    {
        var response = await Manager.PostAsJsonAsync($"/api/key-results/{keyResultId ?? KeyResult.Id}/links", new
        {
            connectorId = ConnectorId,
            targetKind = "jira-epic",
            targetKey = epicKey,
        });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        return (await SyncHost.ReadAsync<IdOnly>(response)).Id;
    }

    /// <summary>A manual full sync of the connector, run now; returns its run.</summary>
    public async Task<SyncRunView> SyncAsync()
    {
        var response = await Manager.PostAsync($"/api/connectors/{ConnectorId}/sync?wait=true", null);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var body = await SyncHost.ReadAsync<SyncRequestView>(response);
        return Assert.Single(body.Runs);
    }

    public async Task<HttpResponseMessage> PostWebhookAsync(byte[] body, IReadOnlyDictionary<string, string> headers, Guid? connectorId = null, string kind = "jira")
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"/webhooks/{kind}/{connectorId ?? ConnectorId}")
        {
            Content = new ByteArrayContent(body),
        };
        request.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        foreach (var (name, value) in headers)
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        return await Host.CreateClient().SendAsync(request);
    }

    public async Task<LinkProgressRecord> LinkProgressAsync(Guid? linkId = null) =>
        Assert.Single(await Service<IProgressRepository>().ListLinkProgressAsync([linkId ?? LinkId]));

    public async Task<IReadOnlyList<ProgressHistoryEntry>> HistoryAsync() =>
        await Service<IProgressRepository>().ListHistoryAsync(KeyResult.Id, null);

    public async Task<long> CountRowsAsync(string table)
    {
        await using var connection = await Service<DatabaseConnectionFactory>().OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT COUNT(*) FROM {table}";
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task CloseCycleAsync()
    {
        await Service<ICycleRepository>().UpdateAsync(Cycle with { State = CycleState.Closed, ClosedAt = DateTimeOffset.UtcNow });
    }

    /// <summary>Polls until <paramref name="condition"/> holds or about five seconds pass.</summary>
    public static async Task<bool> EventuallyAsync(Func<bool> condition, int timeoutMs = 5000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (DateTime.UtcNow < until)
        {
            if (condition())
            {
                return true;
            }

            await Task.Delay(50);
        }

        return condition();
    }

    private async Task SeedOkrsAsync()
    {
        var now = DateTimeOffset.UtcNow;
        var today = DateOnly.FromDateTime(now.UtcDateTime);
        Cycle = new Cycle(Guid.NewGuid(), "2026-Q4", today.AddDays(-30), today.AddDays(60), CycleState.Active, now);
        var objective = new Objective(Guid.NewGuid(), Cycle.Id, "Faster checkout", null, ObjectiveLevel.Team, "alice", "web", Visibility.Public, null, 1, now);
        KeyResult = new KeyResult(Guid.NewGuid(), objective.Id, "Ship the new checkout", "alice", KeyResultType.Committed, 1, MeasureKind.Work, null, null, null, null, now);
        await Service<ICycleRepository>().InsertAsync(Cycle);
        await Service<IObjectiveRepository>().InsertAsync(objective);
        await Service<IKeyResultRepository>().InsertAsync(KeyResult);
    }

    public sealed record IdOnly(Guid Id);
}

public sealed record SyncRunView(
    Guid Id, Guid ConnectorId, string Trigger, string Status, DateTimeOffset StartedAt, DateTimeOffset? FinishedAt,
    int ApiCalls, int ItemsFetched, int WritesMade, IReadOnlyList<string> Errors, IReadOnlyDictionary<string, string> RateLimit,
    int PendingWrites = 0);

public sealed record SyncRequestView(IReadOnlyList<SyncRunView> Runs, bool Queued, string? JobId);

public sealed record PageView<T>(IReadOnlyList<T> Items, int Offset, int Limit, long Total);
