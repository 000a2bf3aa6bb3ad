using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// The counts behind a key result's value as stored in its history. Fetch times and stale reasons are left out: the
/// history grows only when the work changed, not every time it was read. A stale link contributes its last complete
/// breakdown, so going stale alone adds no entry either.
/// </summary>
public static class HistoryBreakdown
{
    public static string Of(KeyResultProgress progress, IReadOnlyDictionary<Guid, LinkProgressRecord> records) =>
        ProgressJson.Serialize(new
        {
            progress.Value,
            Links = progress.Links.Select(link => new
            {
                link.LinkId,
                link.Weight,
                link.Value,
                Breakdown = link.Stale ? LastComplete(records.GetValueOrDefault(link.LinkId)) : Timeless(link.Breakdown),
            }),
        });

    private static ProgressBreakdown? LastComplete(LinkProgressRecord? record)
    {
        if (record is not { LastSyncedAt: not null })
        {
            return null;
        }

        try
        {
            return ProgressJson.Deserialize<ProgressBreakdown>(record.BreakdownJson) is { } breakdown ? Timeless(breakdown) : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static ProgressBreakdown Timeless(ProgressBreakdown breakdown) => breakdown with { FetchedAt = default };
}
