using OkrConnect.Core.Classification;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>A key result's progress for each measure (docs/okr-semantics.md, "Roll-up").</summary>
public static class KeyResultProgressCalculator
{
    /// <summary>
    /// A work key result from its links' fresh fetches. An issue reachable through several links counts once: links
    /// are taken oldest first (<see cref="Link.CreatedAt"/>, then <see cref="Link.Id"/>) and the first one to reach an
    /// issue (same connector, same external id, case-insensitive) keeps it; later links report it as a duplicate.
    /// A partial fetch rolls up its link's last complete value (<see cref="PartialFetchRule"/>).
    /// </summary>
    public static KeyResultProgress ComputeWork(
        IEnumerable<LinkFetch> fetches,
        IReadOnlyDictionary<Guid, LastCompleteProgress>? lastComplete = null,
        LinkProgressOptions? options = null)
    {
        options = LinkProgressCalculator.Checked(options);
        var ordered = fetches.OrderBy(f => f.Link.CreatedAt).ThenBy(f => f.Link.Id).ToList();

        // A sub-task counts through its parent even when the parent arrives through another link.
        var idsByConnector = ordered
            .GroupBy(f => f.Link.ConnectorId)
            .ToDictionary(
                g => g.Key,
                g => (IReadOnlySet<string>)g
                    .SelectMany(f => f.Items.Select(i => i.ExternalId).Where(id => !string.Equals(id, f.OwnId, StringComparison.OrdinalIgnoreCase)))
                    .ToHashSet(StringComparer.OrdinalIgnoreCase));

        var claimed = new HashSet<string>(StringComparer.Ordinal);
        var links = new List<LinkProgress>(ordered.Count);
        foreach (var fetch in ordered)
        {
            var selection = CountableItems.Select(fetch.Items, fetch.OwnId, options.Subtasks, idsByConnector[fetch.Link.ConnectorId]);
            var unique = new List<WorkItem>(selection.Items.Count);
            foreach (var item in selection.Items)
            {
                if (claimed.Add($"{fetch.Link.ConnectorId:N}/{item.ExternalId.ToUpperInvariant()}"))
                {
                    unique.Add(item);
                }
            }

            selection = selection with
            {
                Items = unique,
                DuplicatesSkipped = selection.DuplicatesSkipped + selection.Items.Count - unique.Count,
            };
            var breakdown = LinkProgressCalculator.FromSelection(selection, fetch.Link.Model, options, fetch.FetchedAt, fetch.Complete, fetch.Error);
            var decision = PartialFetchRule.Decide(breakdown, lastComplete?.GetValueOrDefault(fetch.Link.Id));
            links.Add(new LinkProgress(fetch.Link.Id, fetch.Link.Weight, decision.Value, decision.Stale, decision.StaleReason, breakdown));
        }

        var value = WeightedMean.Of(links.Select(l => new WeightedValue(l.Value, l.Weight)));
        return new KeyResultProgress(value, links.Exists(l => l.Stale), links);
    }

    /// <summary>A work key result from its links' stored values (null = no work yet, skipped).</summary>
    public static double? FromLinkValues(IEnumerable<(Link Link, double? Value)> links) =>
        WeightedMean.Of(links.Select(l => new WeightedValue(l.Value, l.Link.Weight)));

    /// <summary>A metric key result: see <see cref="MetricProgress"/>.</summary>
    public static double? FromMetric(KeyResult keyResult) => MetricProgress.Compute(keyResult).Value;

    /// <summary>A children key result: the weighted mean (by <see cref="Objective.Weight"/>) of its aligned objectives' progress.</summary>
    public static double? FromChildren(IEnumerable<(Objective Objective, double? Progress)> children) =>
        WeightedMean.Of(children.Select(c => new WeightedValue(c.Progress, c.Objective.Weight)));
}
