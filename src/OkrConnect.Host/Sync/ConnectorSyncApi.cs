using Hangfire;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;
using OkrConnect.Sync.Connectors;
using OkrConnect.Sync.Coordination;
using OkrConnect.Sync.Engine;
using OkrConnect.Sync.Health;
using OkrConnect.Sync.Scheduling;

namespace OkrConnect.Host.Sync;

/// <summary>Sync of a connector: run it now, list its runs, test its connection, check a link target.</summary>
public static class ConnectorSyncApi
{
    public static IEndpointRouteBuilder MapConnectorSyncApi(this IEndpointRouteBuilder api)
    {
        var connectors = api.MapGroup("/connectors/{id:guid}").WithTags("Sync");
        connectors.MapPost("/sync", SyncConnector).WithName("SyncConnector").RequireAuthorization(Policies.RequireManager);
        connectors.MapGet("/sync-runs", ListSyncRuns).WithName("ListSyncRuns").RequireAuthorization(Policies.RequireManager);
        connectors.MapGet("/status", GetConnectorStatus).WithName("GetConnectorStatus").RequireAuthorization(Policies.RequireManager);
        connectors.MapPost("/test", TestConnector).WithName("TestConnector").RequireAuthorization(Policies.RequireAdmin);
        connectors.MapPost("/targets/describe", DescribeTarget).WithName("DescribeTarget").RequireAuthorization(Policies.RequireManager);
        return api;
    }

    /// <summary>
    /// Queues a full sync as a background job (202), or with <c>?wait=true</c> runs it now and answers with the run
    /// (200); when a run is already in progress the request is served right after it (202, queued).
    /// </summary>
    public static async Task<Results<Ok<SyncRequestResponse>, Accepted<SyncRequestResponse>, ProblemHttpResult>> SyncConnector(
        Guid id,
        bool? wait,
        IConnectorRepository connectors,
        SyncCoordinator coordinator,
        IServiceProvider services,
        CancellationToken ct)
    {
        var connector = await connectors.GetAsync(id, ct);
        if (connector is null)
        {
            return Problems.NotFound("Connector", id);
        }

        if (!connector.Enabled)
        {
            return Problems.Conflict($"Connector {id} is disabled; enable it to sync.");
        }

        var jobs = services.GetService<IBackgroundJobClient>();
        if (wait != true && jobs is not null)
        {
            var jobId = jobs.Enqueue<SyncJobs>(j => j.SyncConnectorNowAsync(id, CancellationToken.None));
            return TypedResults.Accepted((string?)null, new SyncRequestResponse([], Queued: true, jobId));
        }

        var outcome = await coordinator.RunAsync(new SyncScope(id, SyncTrigger.Manual), ct);
        var response = new SyncRequestResponse(outcome.Runs.Select(SyncRunResponse.From).ToList(), outcome.Coalesced, null);
        return outcome.Coalesced ? TypedResults.Accepted((string?)null, response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<Page<SyncRunResponse>>, ValidationProblem, ProblemHttpResult>> ListSyncRuns(
        Guid id, [AsParameters] PageQuery page, IConnectorRepository connectors, ISyncRunRepository runs, CancellationToken ct)
    {
        var errors = page.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        var found = await runs.ListByConnectorAsync(id, page.Skip, page.Take, ct);
        return TypedResults.Ok(found.Map(SyncRunResponse.From));
    }

    /// <summary>
    /// The connector's health: "ok", or the connector-wide failure its last sync met (e.g. "credentials rejected" with
    /// the tracker's message and when), plus its latest run.
    /// </summary>
    public static async Task<Results<Ok<ConnectorStatusResponse>, ProblemHttpResult>> GetConnectorStatus(
        Guid id, IConnectorRepository connectors, ConnectorHealthRepository health, ISyncRunRepository runs, CancellationToken ct)
    {
        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        var failure = await health.GetAsync(id, ct);
        var recent = (await runs.ListByConnectorAsync(id, 0, 1, ct)).Items;
        var latest = recent.Count > 0 ? recent[0] : null;
        return TypedResults.Ok(new ConnectorStatusResponse(
            id,
            failure?.Status ?? "ok",
            failure?.Category,
            failure?.Message,
            failure?.FailedAt,
            latest is null ? null : SyncRunResponse.From(latest)));
    }

    /// <summary>Checks the stored settings, then asks the tracker; either way the answer says what is wrong.</summary>
    public static async Task<Results<Ok<ConnectionTestResponse>, ProblemHttpResult>> TestConnector(
        Guid id, ConnectorContextLoader loader, IConnectorRepository connectors, CancellationToken ct)
    {
        if (await loader.LoadAsync(id, ct) is not { } connector)
        {
            return await connectors.GetAsync(id, ct) is { } config
                ? Problems.Conflict($"No connector of kind '{config.Kind}' is installed.")
                : Problems.NotFound("Connector", id);
        }

        var problems = connector.Connector.ValidateSettings(connector.Settings);
        if (problems.Count > 0)
        {
            return TypedResults.Ok(new ConnectionTestResponse(false, "The connector's settings are invalid.", new Dictionary<string, string>(), problems));
        }

        try
        {
            return TypedResults.Ok(ConnectionTestResponse.From(await connector.Connector.TestConnectionAsync(connector.Settings, ct)));
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            return TypedResults.Ok(new ConnectionTestResponse(false, TrackerFailure.From(ex).Message, new Dictionary<string, string>(), []));
        }
    }

    /// <summary>Whether a link target exists and is of the right kind, with its title and URL (call before creating a link).</summary>
    public static async Task<Results<Ok<TargetDescription>, ValidationProblem, ProblemHttpResult>> DescribeTarget(
        Guid id, DescribeTargetRequest request, IConnectorRepository connectors, LinkTargetValidator validator, CancellationToken ct)
    {
        var errors = new ValidationErrors();
        if (string.IsNullOrWhiteSpace(request.Kind))
        {
            errors.Add("kind", "kind is required (e.g. jira-epic).");
        }

        if (string.IsNullOrWhiteSpace(request.Key))
        {
            errors.Add("key", "key is required (e.g. PROJ-12).");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        return TypedResults.Ok(await validator.DescribeAsync(id, new TargetRef(request.Kind!.Trim(), request.Key!.Trim()), ct));
    }
}
