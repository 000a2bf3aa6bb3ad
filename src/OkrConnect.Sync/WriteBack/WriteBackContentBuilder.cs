using Microsoft.Extensions.Options;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.WriteBack;

/// <summary>
/// What one link's write-back says: the key result's progress, this target's breakdown in the connector's language,
/// the objective and cycle, the latest check-in, risk and staleness, and a link back to the key result.
/// </summary>
public sealed class WriteBackContentBuilder(IOptions<PublicUrlOptions> publicUrl)
{
    public WriteBackContent Build(
        KeyResultSyncResult result, Link link, CheckIn? latestCheckIn, string locale, DateTimeOffset now)
    {
        var language = WriteBackLanguages.For(locale);
        var context = result.Context;
        var linkProgress = result.Progress.Links.FirstOrDefault(l => l.LinkId == link.Id);
        var breakdown = ShownBreakdown(linkProgress, result.LinkRecords.GetValueOrDefault(link.Id));
        // The tracker shows what OkrConnect shows: a value set by hand while it holds, with what the work says beside it.
        var shown = result.Manual?.Value ?? result.Progress.Value;
        var risk = RiskEvaluator.Evaluate(context.Cycle, context.KeyResult, shown, latestCheckIn, now);

        var staleLink = linkProgress is { Stale: true } ? linkProgress : result.Progress.Links.FirstOrDefault(l => l.Stale);
        return new WriteBackContent(
            context.KeyResult.Title,
            context.KeyResult.Type,
            shown,
            breakdown is null ? "" : BreakdownText.Render(breakdown, language),
            breakdown?.Done ?? 0,
            breakdown is null ? 0 : breakdown.Done + breakdown.InProgress + breakdown.ToDo,
            breakdown?.Excluded ?? 0,
            link.Model,
            context.Objective.Title,
            context.Cycle.Name,
            latestCheckIn?.Confidence,
            latestCheckIn?.Status,
            risk.AtRisk,
            risk.Reasons.Select(r => RiskText.Render(r, language)).ToList(),
            staleLink is not null,
            staleLink?.StaleReason,
            now,
            publicUrl.Value.KeyResultUrl(context.KeyResult.Id),
            locale,
            result.Manual is { } manual ? new ManualProgressNote(manual.SetBy, manual.Reason, result.Progress.Value) : null);
    }

    /// <summary>
    /// A stale link shows the breakdown of its last complete fetch, so the text agrees with the value shown beside it;
    /// why it is stale is said separately.
    /// </summary>
    private static ProgressBreakdown? ShownBreakdown(LinkProgress? link, LinkProgressRecord? stored)
    {
        if (link is null)
        {
            return null;
        }

        if (!link.Stale)
        {
            return link.Breakdown;
        }

        return stored is { LastSyncedAt: not null } && TryRead(stored.BreakdownJson) is { } last ? last : null;
    }

    private static ProgressBreakdown? TryRead(string json)
    {
        try
        {
            return ProgressJson.Deserialize<ProgressBreakdown>(json);
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
