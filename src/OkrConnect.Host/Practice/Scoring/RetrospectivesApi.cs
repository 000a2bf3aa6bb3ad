using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Practice.Scoring;

/// <summary>
/// /api/key-results/{id}/retrospective: what worked, what did not, what next. The owner or a manager writes it at any
/// time, a closed cycle included (that is when a review happens); whoever sees the key result reads it.
/// </summary>
public static class RetrospectivesApi
{
    public static IEndpointRouteBuilder MapRetrospectivesApi(this IEndpointRouteBuilder api)
    {
        var retrospective = api.MapGroup("/key-results/{id:guid}/retrospective").WithTags("Key results");
        retrospective.MapPut("", PutRetrospective).WithName("PutKeyResultRetrospective").RequireAuthorization(Policies.RequireMember);
        retrospective.MapGet("", GetRetrospective).WithName("GetKeyResultRetrospective");
        return api;
    }

    public static async Task<Results<Ok<RetrospectiveResponse>, ValidationProblem, ProblemHttpResult>> PutRetrospective(
        Guid id,
        RetrospectiveRequest request,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        IRetrospectiveRepository retrospectives,
        TimeProvider clock,
        CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(id, caller, ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", id);
        }

        if (found.KeyResult.Owner != caller.Subject && !caller.IsAtLeast(Role.Manager))
        {
            return Problems.Forbidden($"Only the key result's owner ({found.KeyResult.Owner}) or a manager can write its retrospective.");
        }

        var errors = new ValidationErrors();
        foreach (var (field, value) in new[] { ("whatWorked", request.WhatWorked), ("whatDidNot", request.WhatDidNot), ("whatNext", request.WhatNext) })
        {
            if (value is { Length: > TextLimits.LongText })
            {
                errors.Add(field, $"{field} must be at most {TextLimits.LongText} characters (got {value.Length}).");
            }
        }

        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        var retrospective = new Retrospective(id, Blank(request.WhatWorked), Blank(request.WhatDidNot), Blank(request.WhatNext), caller.Subject, clock.GetStoredUtcNow());
        await retrospectives.UpsertAsync(retrospective, ct);
        return TypedResults.Ok(RetrospectiveResponse.From(retrospective)!);
    }

    public static async Task<Results<Ok<RetrospectiveResponse>, ProblemHttpResult>> GetRetrospective(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, IRetrospectiveRepository retrospectives, CancellationToken ct)
    {
        if (await visible.FindKeyResultAsync(id, user.ToCaller(), ct) is null)
        {
            return Problems.NotFound("Key result", id);
        }

        return await retrospectives.GetAsync(id, ct) is { } found
            ? TypedResults.Ok(RetrospectiveResponse.From(found)!)
            : TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "Not found", detail: $"Key result {id} has no retrospective yet.");
    }

    // An empty answer is no answer: stored as null so exports leave the cell empty.
    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();
}
