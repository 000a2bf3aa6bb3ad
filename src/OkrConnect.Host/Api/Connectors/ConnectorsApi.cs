using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.Connectors;

/// <summary>
/// /api/connectors: admins create, edit and delete; managers read too, since they pick a connector when linking.
/// Secrets are write-only.
/// </summary>
public static class ConnectorsApi
{
    public static IEndpointRouteBuilder MapConnectorsApi(this IEndpointRouteBuilder api)
    {
        // Per endpoint rather than on the group, so a refusal names the role that endpoint needs.
        var connectors = api.MapGroup("/connectors").WithTags("Connectors");
        connectors.MapPost("", CreateConnector).WithName("CreateConnector").RequireAuthorization(Policies.RequireAdmin);
        connectors.MapGet("", ListConnectors).WithName("ListConnectors").RequireAuthorization(Policies.RequireManager);
        connectors.MapGet("/{id:guid}", GetConnector).WithName("GetConnector").RequireAuthorization(Policies.RequireManager);
        connectors.MapPatch("/{id:guid}", UpdateConnector).WithName("UpdateConnector").RequireAuthorization(Policies.RequireAdmin);
        connectors.MapDelete("/{id:guid}", DeleteConnector).WithName("DeleteConnector").RequireAuthorization(Policies.RequireAdmin);
        return api;
    }

    public static async Task<Results<Created<ConnectorResponse>, ValidationProblem>> CreateConnector(
        CreateConnectorRequest request,
        IConnectorRepository connectors,
        ConnectorSecrets secrets,
        IEnumerable<ITrackerConnector> trackers,
        TimeProvider clock,
        CancellationToken ct)
    {
        var errors = request.Validate();
        if (errors.IsEmpty)
        {
            var connector = request.ToConnector(clock.GetStoredUtcNow());
            if (TrackerSettingsCheck.Find(trackers, connector.Kind) is { } tracker)
            {
                TrackerSettingsCheck.Validate(errors, tracker, connector, request.Credentials, request.WebhookSecret);
            }

            if (errors.IsEmpty)
            {
                await connectors.InsertAsync(connector, secrets.ForInsert(request.Credentials, request.WebhookSecret), ct);
                return TypedResults.Created($"/api/connectors/{connector.Id}", ConnectorResponse.From(connector));
            }
        }

        return Problems.Invalid(errors);
    }

    public static async Task<Results<Ok<Page<ConnectorResponse>>, ValidationProblem>> ListConnectors(
        [AsParameters] PageQuery page, IConnectorRepository connectors, CancellationToken ct)
    {
        var errors = page.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var found = await connectors.ListAsync(page.Skip, page.Take, ct);
        return TypedResults.Ok(found.Map(ConnectorResponse.From));
    }

    public static async Task<Results<Ok<ConnectorResponse>, ProblemHttpResult>> GetConnector(
        Guid id, IConnectorRepository connectors, CancellationToken ct)
    {
        var connector = await connectors.GetAsync(id, ct);
        return connector is null ? Problems.NotFound("Connector", id) : TypedResults.Ok(ConnectorResponse.From(connector));
    }

    public static async Task<Results<Ok<ConnectorResponse>, ValidationProblem, ProblemHttpResult>> UpdateConnector(
        Guid id,
        UpdateConnectorRequest request,
        IConnectorRepository connectors,
        ConnectorSecrets secrets,
        IEnumerable<ITrackerConnector> trackers,
        CancellationToken ct)
    {
        var connector = await connectors.GetAsync(id, ct);
        if (connector is null)
        {
            return Problems.NotFound("Connector", id);
        }

        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var updated = request.ApplyTo(connector);
        if (TrackerSettingsCheck.Find(trackers, updated.Kind) is { } tracker)
        {
            var (credentials, webhookSecret) = await secrets.AfterUpdateAsync(id, request, ct);
            TrackerSettingsCheck.Validate(errors, tracker, updated, credentials, webhookSecret);
            if (!errors.IsEmpty)
            {
                return Problems.Invalid(errors);
            }
        }

        await connectors.UpdateAsync(updated, secrets.ForUpdate(request), ct);
        return TypedResults.Ok(ConnectorResponse.From(updated));
    }

    /// <summary>Refused while links use the connector: their progress would lose its source.</summary>
    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteConnector(
        Guid id, IConnectorRepository connectors, ILinkRepository links, CancellationToken ct)
    {
        if (await connectors.GetAsync(id, ct) is null)
        {
            return Problems.NotFound("Connector", id);
        }

        var used = await links.ListByConnectorAsync(id, ct);
        if (used.Count > 0)
        {
            return Problems.Conflict($"Connector {id} is used by {used.Count} link(s); delete those links first.");
        }

        await connectors.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
