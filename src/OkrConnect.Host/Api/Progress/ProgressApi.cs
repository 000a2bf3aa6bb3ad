using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Api.Progress;

/// <summary>Computed progress of key results and objectives, and a key result's progress history. Read-only.</summary>
public static class ProgressApi
{
    public static IEndpointRouteBuilder MapProgressApi(this IEndpointRouteBuilder api)
    {
        var progress = api.MapGroup("").WithTags("Progress");
        progress.MapGet("/key-results/{id:guid}/progress", GetKeyResultProgress).WithName("GetKeyResultProgress");
        progress.MapGet("/key-results/{id:guid}/progress/history", GetKeyResultProgressHistory).WithName("GetKeyResultProgressHistory");
        progress.MapGet("/objectives/{id:guid}/progress", GetObjectiveProgress).WithName("GetObjectiveProgress");
        return api;
    }

    public static async Task<Results<Ok<KeyResultProgressResponse>, ProblemHttpResult>> GetKeyResultProgress(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, ProgressReports reports, CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(id, caller, ct);
        return found is null
            ? Problems.NotFound("Key result", id)
            : TypedResults.Ok(await reports.ForKeyResultAsync(found, caller, ct));
    }

    /// <summary>Oldest first, for burn-up charts; <c>?since=</c> (ISO 8601) keeps only later entries.</summary>
    public static async Task<Results<Ok<ProgressHistoryResponse>, ProblemHttpResult>> GetKeyResultProgressHistory(
        Guid id, DateTimeOffset? since, ClaimsPrincipal user, VisibleOkrs visible, ProgressReports reports, CancellationToken ct)
    {
        var found = await visible.FindKeyResultAsync(id, user.ToCaller(), ct);
        return found is null
            ? Problems.NotFound("Key result", id)
            : TypedResults.Ok(await reports.HistoryAsync(id, since, ct));
    }

    public static async Task<Results<Ok<ObjectiveProgressResponse>, ProblemHttpResult>> GetObjectiveProgress(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, ProgressReports reports, CancellationToken ct)
    {
        var objective = await visible.FindObjectiveAsync(id, user.ToCaller(), ct);
        return objective is null
            ? Problems.NotFound("Objective", id)
            : TypedResults.Ok(await reports.ForObjectiveAsync(objective, ct));
    }
}
