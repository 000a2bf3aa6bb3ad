using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Practice.Reports;

/// <summary>
/// GET /api/reports/weekly?cycle=&amp;team=&amp;week=: the weekly report (周报) as JSON, or as Markdown with
/// <c>Accept: text/markdown</c> or <c>format=markdown</c> (<c>lang=zh-CN</c> for Chinese). Anyone signed in reads it;
/// it shows only the objectives the caller may see.
/// </summary>
public static class WeeklyReportApi
{
    public const string MarkdownMediaType = "text/markdown";

    public static IEndpointRouteBuilder MapWeeklyReportApi(this IEndpointRouteBuilder api)
    {
        api.MapGet("/reports/weekly", GetWeeklyReport)
            .WithTags("Reports")
            .WithName("GetWeeklyReport")
            .Produces<string>(StatusCodes.Status200OK, MarkdownMediaType);
        return api;
    }

    public static async Task<Results<Ok<WeeklyReport>, ContentHttpResult, ValidationProblem, ProblemHttpResult>> GetWeeklyReport(
        Guid? cycle,
        string? team,
        string? week,
        string? format,
        string? lang,
        HttpRequest request,
        ClaimsPrincipal user,
        ICycleRepository cycles,
        WeeklyReportLoader loader,
        TimeProvider clock,
        CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var errors = new ValidationErrors();
        var isoWeek = IsoWeek.Containing(now);
        if (week is not null && !IsoWeek.TryParse(week, out isoWeek))
        {
            errors.Add("week", $"week must be an ISO week like {IsoWeek.Containing(now)} (got \"{week}\").");
        }
        else if (isoWeek.Start > now)
        {
            errors.Add("week", $"week {isoWeek} has not started yet.");
        }

        var locale = PracticeLocale.English;
        if (lang is not null && !PracticeLocales.TryParse(lang, out locale))
        {
            errors.Add("lang", $"lang must be one of: {string.Join(", ", PracticeLocales.Tags)}.");
        }

        if (format is not null && format is not ("json" or "markdown"))
        {
            errors.Add("format", "format must be one of: json, markdown.");
        }

        errors.OptionalText("team", team, TextLimits.Subject);
        var found = errors.IsEmpty ? await ResolveCycleAsync(cycle, isoWeek, cycles, errors, ct) : null;
        if (!errors.IsEmpty)
        {
            return Problems.Invalid(errors);
        }

        if (found is null)
        {
            return Problems.NotFound("Cycle", cycle!.Value);
        }

        var report = await loader.BuildAsync(found, isoWeek, team?.Trim(), user.ToCaller(), ct);
        return ResponseFormat.Wants(request, format, "markdown", MarkdownMediaType)
            ? TypedResults.Text(WeeklyReportMarkdown.Render(report, locale), $"{MarkdownMediaType}; charset=utf-8")
            : TypedResults.Ok(report);
    }

    /// <summary>The given cycle, or else the one cycle whose dates overlap the week (two or none: the caller must say).</summary>
    private static async Task<Cycle?> ResolveCycleAsync(Guid? id, IsoWeek week, ICycleRepository cycles, ValidationErrors errors, CancellationToken ct)
    {
        if (id is { } cycleId)
        {
            return await cycles.GetAsync(cycleId, ct);
        }

        var overlapping = new List<Cycle>();
        for (var offset = 0; ; offset += PageQuery.MaxLimit)
        {
            var page = await cycles.ListAsync(offset, PageQuery.MaxLimit, ct);
            overlapping.AddRange(page.Items.Where(c => c.StartDate <= week.Sunday && c.EndDate >= week.Monday));
            if (page.Items.Count < PageQuery.MaxLimit)
            {
                break;
            }
        }

        if (overlapping.Count == 1)
        {
            return overlapping[0];
        }

        errors.Add(
            "cycle",
            overlapping.Count == 0
                ? $"No cycle overlaps week {week}; name one with ?cycle=."
                : $"{overlapping.Count} cycles overlap week {week} ({string.Join(", ", overlapping.Select(c => c.Name))}); name one with ?cycle=.");
        return null;
    }
}
