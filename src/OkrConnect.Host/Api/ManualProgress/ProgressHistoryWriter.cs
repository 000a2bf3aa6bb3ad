using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Host.Api.ManualProgress;

/// <summary>
/// Records a key result's progress as every screen now shows it (manual or computed), and moves the children key
/// results above it, as a check-in or a sync does.
/// </summary>
public sealed class ProgressHistoryWriter(
    ProgressTreeLoader trees,
    IProgressRepository progress,
    AlignmentRollUpRecorder rollUp,
    IKeyResultRepository keyResults,
    IObjectiveRepository objectives,
    ICycleRepository cycles,
    ILinkRepository links)
{
    public async Task RecordAsync(VisibleKeyResult found, object breakdown, DateTimeOffset now, CancellationToken ct)
    {
        var tree = await trees.LoadAsync([found.Objective], rootKeyResults: null, ct);
        await progress.RecordKeyResultProgressAsync(
            new ProgressHistoryEntry(found.KeyResult.Id, tree.KeyResultValue(found.KeyResult.Id), ProgressJson.Serialize(breakdown), ManualProgressApi.HistorySource, now),
            ct);
        await rollUp.RecordAsync([found.Objective.Id], now, new OkrLookup(keyResults, objectives, cycles, links), ct);
    }
}
