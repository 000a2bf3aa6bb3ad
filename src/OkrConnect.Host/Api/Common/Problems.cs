using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Api.Common;

/// <summary>The RFC 7807 answers the endpoints give, each with a detail that says exactly what is wrong.</summary>
public static class Problems
{
    public static ProblemHttpResult NotFound(string resource, Guid id) =>
        TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not found",
            detail: $"{resource} {id} does not exist.");

    public static ProblemHttpResult Forbidden(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Forbidden", detail: detail);

    public static ProblemHttpResult Conflict(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: detail);

    /// <summary>A tracker the request depends on could not be asked now: nothing was written; the same request may succeed later.</summary>
    public static ProblemHttpResult TrackerUnavailable(string detail) =>
        TypedResults.Problem(statusCode: StatusCodes.Status503ServiceUnavailable, title: "Tracker unavailable", detail: detail);

    public static ProblemHttpResult ClosedCycle(Cycle cycle) =>
        Conflict($"Cycle '{cycle.Name}' ({cycle.Id}) is closed: it and its objectives, key results, links and check-ins are read-only.");

    public static ValidationProblem Invalid(ValidationErrors errors) =>
        TypedResults.ValidationProblem(
            errors.ToDictionary(),
            detail: errors.Summary(),
            title: "The request is invalid.");

    public static ValidationProblem Invalid(string field, string message)
    {
        var errors = new ValidationErrors();
        errors.Add(field, message);
        return Invalid(errors);
    }
}
