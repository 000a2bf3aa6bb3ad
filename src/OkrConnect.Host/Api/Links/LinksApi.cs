using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Host.Api.Links;

/// <summary>
/// Links of work key results to tracker work: created and listed under the key result, addressed on their own.
/// Visible when their objective is; managers write.
/// </summary>
public static class LinksApi
{
    public static IEndpointRouteBuilder MapLinksApi(this IEndpointRouteBuilder api)
    {
        var underKeyResult = api.MapGroup("/key-results/{keyResultId:guid}/links").WithTags("Links");
        underKeyResult.MapPost("", CreateLink).WithName("CreateLink").RequireAuthorization(Policies.RequireManager);
        underKeyResult.MapGet("", ListLinks).WithName("ListLinks");

        var links = api.MapGroup("/links").WithTags("Links");
        links.MapGet("/{id:guid}", GetLink).WithName("GetLink");
        links.MapPatch("/{id:guid}", UpdateLink).WithName("UpdateLink").RequireAuthorization(Policies.RequireManager);
        links.MapDelete("/{id:guid}", DeleteLink).WithName("DeleteLink").RequireAuthorization(Policies.RequireManager);
        return api;
    }

    public static async Task<Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>> CreateLink(
        Guid keyResultId,
        CreateLinkRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        IConnectorRepository connectors,
        ILinkRepository links,
        ConnectorCatalog catalog,
        LinkTargetValidator targets,
        TimeProvider clock,
        CancellationToken ct)
    {
        var found = await visible.FindKeyResultAsync(keyResultId, user.ToCaller(), ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", keyResultId);
        }

        if (await writable.RefuseIfClosedAsync(found.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var errors = request.Validate();
        if (found.KeyResult.Measure != MeasureKind.Work)
        {
            errors.Add(
                "keyResultId",
                $"Only work key results take links; key result {keyResultId} is measured by {JsonErrorMessages.WireName(found.KeyResult.Measure)}.");
        }

        var connector = request.ConnectorId is { } connectorId ? await connectors.GetAsync(connectorId, ct) : null;
        if (request.ConnectorId is { } missingId && connector is null)
        {
            errors.Add("connectorId", $"Connector {missingId} does not exist.");
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var link = request.ToLink(keyResultId, clock.GetStoredUtcNow());
        var existing = await links.ListByKeyResultAsync(keyResultId, ct);
        if (existing.FirstOrDefault(l => l.ConnectorId == link.ConnectorId && l.TargetKind == link.TargetKind && l.TargetKey == link.TargetKey) is { } twin)
        {
            return Problems.Conflict($"Key result {keyResultId} already links {link.TargetKind} '{link.TargetKey}' through this connector (link {twin.Id}).");
        }

        // A kind with no installed tracker cannot be asked; its links are stored as given and never synced.
        if (catalog.Find(connector!.Kind) is not null)
        {
            var description = await targets.DescribeAsync(connector.Id, new TargetRef(link.TargetKind, link.TargetKey), ct);
            if (Refusal(description) is { } refused)
            {
                return refused;
            }

            link = link with { TargetTitle = description.Title, TargetUrl = description.Url };
        }

        await links.InsertAsync(link, ct);
        return TypedResults.Created($"/api/links/{link.Id}", LinkResponse.From(link));
    }

    /// <summary>
    /// Why the tracker's answer stops the link: a target that is missing, of the wrong kind or refused is the request's
    /// fault (400 on targetKey, or on connectorId when the connector's credentials are); a tracker that could not be
    /// asked is nobody's (503, try again).
    /// </summary>
    private static Results<Created<LinkResponse>, ValidationProblem, ProblemHttpResult>? Refusal(TargetDescription description)
    {
        if (description.Exists)
        {
            return null;
        }

        var message = description.Error ?? "the tracker did not confirm the target.";
        if (description.Unverified)
        {
            return Problems.TrackerUnavailable($"could not verify the target with the tracker: {message}, try again");
        }

        return description.FailureCategory == TrackerErrorCategory.Authentication
            ? Problems.Invalid("connectorId", $"The connector could not ask the tracker about the target: {message}")
            : Problems.Invalid("targetKey", $"The tracker refused the target: {message}");
    }

    public static async Task<Results<Ok<Page<LinkResponse>>, ValidationProblem, ProblemHttpResult>> ListLinks(
        Guid keyResultId,
        [AsParameters] PageQuery page,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        ILinkRepository links,
        CancellationToken ct)
    {
        var errors = page.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (await visible.FindKeyResultAsync(keyResultId, user.ToCaller(), ct) is null)
        {
            return Problems.NotFound("Key result", keyResultId);
        }

        var all = await links.ListByKeyResultAsync(keyResultId, ct);
        return TypedResults.Ok(page.Apply(all).Map(LinkResponse.From));
    }

    public static async Task<Results<Ok<LinkResponse>, ProblemHttpResult>> GetLink(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, CancellationToken ct)
    {
        var found = await visible.FindLinkAsync(id, user.ToCaller(), ct);
        return found is null ? Problems.NotFound("Link", id) : TypedResults.Ok(LinkResponse.From(found.Link));
    }

    public static async Task<Results<Ok<LinkResponse>, ValidationProblem, ProblemHttpResult>> UpdateLink(
        Guid id,
        UpdateLinkRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        ILinkRepository links,
        CancellationToken ct)
    {
        var found = await visible.FindLinkAsync(id, user.ToCaller(), ct);
        if (found is null)
        {
            return Problems.NotFound("Link", id);
        }

        if (await writable.RefuseIfClosedAsync(found.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        var errors = request.Validate();
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var updated = request.ApplyTo(found.Link);
        await links.UpdateAsync(updated, ct);
        return TypedResults.Ok(LinkResponse.From(updated));
    }

    public static async Task<Results<NoContent, ProblemHttpResult>> DeleteLink(
        Guid id,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        WritableCycle writable,
        ILinkRepository links,
        CancellationToken ct)
    {
        var found = await visible.FindLinkAsync(id, user.ToCaller(), ct);
        if (found is null)
        {
            return Problems.NotFound("Link", id);
        }

        if (await writable.RefuseIfClosedAsync(found.Objective.CycleId, ct) is { } closed)
        {
            return closed;
        }

        await links.DeleteAsync(id, ct);
        return TypedResults.NoContent();
    }
}
