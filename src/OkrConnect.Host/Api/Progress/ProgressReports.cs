using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Pace;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Progress;

/// <summary>Builds the progress answers: the value from Core's roll-up rules, the breakdown behind it, and the risk.</summary>
public sealed class ProgressReports(ProgressTreeLoader loader, IProgressRepository progress)
{
    public async Task<KeyResultProgressResponse> ForKeyResultAsync(VisibleKeyResult found, Caller caller, CancellationToken ct)
    {
        var tree = await loader.LoadAsync([found.Objective], rootKeyResults: null, ct);
        var keyResult = found.KeyResult;
        var risk = tree.Risk(keyResult);
        var breakdown = keyResult.Measure switch
        {
            MeasureKind.Work => new KeyResultBreakdown(tree.LinksOf(keyResult.Id).Select(LinkPartOf).ToList(), null, null),
            MeasureKind.Metric => new KeyResultBreakdown(null, MetricPartOf(keyResult), null),
            _ => new KeyResultBreakdown(null, null, ChildrenPartOf(tree, keyResult, caller)),
        };

        return new KeyResultProgressResponse(
            keyResult.Id,
            keyResult.ObjectiveId,
            keyResult.Measure,
            keyResult.Type,
            tree.KeyResultValue(keyResult.Id),
            breakdown,
            risk.AtRisk,
            risk.ExpectedProgress,
            risk.Reasons.Select(r => RiskReasonResponse.From(r)).ToList(),
            LatestCheckInResponse.From(tree.LatestCheckIn(keyResult.Id)),
            await LastUpdatedAsync(tree, keyResult, [], ct),
            tree.SourceOf(keyResult.Id),
            ManualPartOf(tree, keyResult.Id));
    }

    public async Task<ObjectiveProgressResponse> ForObjectiveAsync(Objective objective, CancellationToken ct)
    {
        var tree = await loader.LoadAsync([objective], rootKeyResults: null, ct);
        var rollUp = tree.ObjectiveValue(objective.Id);
        var counting = tree.CountingKeyResults(objective.Id).Select(k => k.Id).ToHashSet();
        var keyResults = tree.Graph.KeyResultsOf(objective.Id).OrderBy(k => k.CreatedAt).ToList();

        var parts = new List<KeyResultPart>();
        var reasons = new List<RiskReasonResponse>();
        DateTimeOffset? lastUpdated = null;
        foreach (var keyResult in keyResults)
        {
            var risk = tree.Risk(keyResult);
            var counts = counting.Contains(keyResult.Id);
            parts.Add(new KeyResultPart(
                keyResult.Id, keyResult.Title, keyResult.Type, keyResult.Measure, keyResult.Weight,
                tree.KeyResultValue(keyResult.Id), counts, risk.AtRisk, tree.SourceOf(keyResult.Id)));
            if (counts)
            {
                reasons.AddRange(risk.Reasons.Select(r => RiskReasonResponse.From(r, keyResult.Id)));
            }

            lastUpdated = Latest(lastUpdated, await LastUpdatedAsync(tree, keyResult, [], ct));
        }

        var cycle = tree.CycleOf(objective);
        var expected = cycle is null ? 0 : CyclePace.ExpectedProgress(cycle, DateOnly.FromDateTime(tree.Now.UtcDateTime));
        return new ObjectiveProgressResponse(
            objective.Id, rollUp.Value, rollUp.Plus, rollUp.Basis, parts, reasons.Count > 0, expected, reasons, lastUpdated);
    }

    public async Task<ProgressHistoryResponse> HistoryAsync(Guid keyResultId, DateTimeOffset? since, CancellationToken ct)
    {
        var entries = await progress.ListHistoryAsync(keyResultId, since, ct);
        var points = entries
            .OrderBy(e => e.RecordedAt)
            .Select(e => new ProgressHistoryPoint(e.Value, e.Source, e.RecordedAt, ParseJson(e.BreakdownJson)))
            .ToList();
        return new ProgressHistoryResponse(keyResultId, points);
    }

    private static LinkPart LinkPartOf(LinkState state)
    {
        var (link, record) = state;
        return new LinkPart(
            link.Id, link.ConnectorId, link.TargetKind, link.TargetKey, link.TargetTitle, link.TargetUrl, link.Weight, link.Model,
            record?.Value, record?.Stale ?? false, record?.LastError, record?.ComputedAt, record?.LastSyncedAt,
            record is null ? null : ParseJson(record.BreakdownJson));
    }

    private static ManualProgressPart? ManualPartOf(ProgressTree tree, Guid keyResultId) =>
        tree.HeldManual(keyResultId) is { } manual
            ? new ManualProgressPart(manual.Value, manual.SetBy, manual.SetAt, manual.Reason, tree.ComputedWorkValue(keyResultId))
            : null;

    private static MetricPart MetricPartOf(KeyResult keyResult)
    {
        var metric = MetricProgress.Compute(keyResult);
        return new MetricPart(metric.Start, metric.Target, metric.Current, keyResult.Unit, metric.Unclamped, metric.Summary);
    }

    private static ChildrenPart ChildrenPartOf(ProgressTree tree, KeyResult keyResult, Caller caller)
    {
        var aligned = tree.Graph.ObjectivesAlignedTo(keyResult.Id);
        var shown = aligned.Where(caller.CanSee)
            .Select(o => new ChildObjectivePart(o.Id, o.Title, o.Weight, tree.ObjectiveValue(o.Id).Value))
            .ToList();
        var hidden = aligned.Where(o => !caller.CanSee(o)).ToList();
        var hiddenPart = hidden.Count == 0
            ? null
            : new HiddenObjectivesPart(
                hidden.Count,
                hidden.Sum(o => o.Weight),
                WeightedMean.Of(hidden.Select(o => new WeightedValue(tree.ObjectiveValue(o.Id).Value, o.Weight))));
        return new ChildrenPart(shown, hiddenPart);
    }

    /// <summary>
    /// When the key result's progress last changed: its latest history entry, its links' latest computation, and
    /// for a children key result the latest change below it.
    /// </summary>
    private async Task<DateTimeOffset?> LastUpdatedAsync(ProgressTree tree, KeyResult keyResult, HashSet<Guid> seen, CancellationToken ct)
    {
        if (!seen.Add(keyResult.Id))
        {
            return null;
        }

        var history = await progress.ListHistoryAsync(keyResult.Id, since: null, ct);
        DateTimeOffset? latest = history.Count > 0 ? history.Max(h => h.RecordedAt) : null;
        foreach (var state in tree.LinksOf(keyResult.Id))
        {
            latest = Latest(latest, state.Record?.ComputedAt);
        }

        if (keyResult.Measure == MeasureKind.Children)
        {
            foreach (var child in tree.Graph.ObjectivesAlignedTo(keyResult.Id).SelectMany(o => tree.Graph.KeyResultsOf(o.Id)))
            {
                latest = Latest(latest, await LastUpdatedAsync(tree, child, seen, ct));
            }
        }

        return latest;
    }

    private static DateTimeOffset? Latest(DateTimeOffset? a, DateTimeOffset? b) => a is null ? b : b is null ? a : a > b ? a : b;

    private static JsonElement? ParseJson(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            return null;
        }

        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
