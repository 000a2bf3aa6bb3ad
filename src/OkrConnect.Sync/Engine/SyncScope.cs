using OkrConnect.Core.Persistence;

namespace OkrConnect.Sync.Engine;

/// <summary>What one run covers: a connector, why it runs, and which of its links (null = every active link).</summary>
public sealed record SyncScope(Guid ConnectorId, SyncTrigger Trigger, IReadOnlyList<Guid>? LinkIds = null)
{
    public bool AllLinks => LinkIds is null;

    /// <summary>
    /// Only scheduled runs read incrementally. A reconcile must see deletions and moves; a webhook or a person asking
    /// for a refresh wants the truth about a few targets, and reading them whole is what catches items moved away.
    /// </summary>
    public bool FullFetch => Trigger != SyncTrigger.Schedule;

    /// <summary>
    /// Folds requests that queued up while a run held the lease into one follow-up run: the union of their links,
    /// and the strongest trigger (reconcile, then manual, webhook, schedule) so nothing asked for is done less thoroughly.
    /// </summary>
    public static SyncScope Merge(Guid connectorId, IEnumerable<SyncScope> scopes)
    {
        var list = scopes.ToList();
        var trigger = list.Select(s => s.Trigger).OrderByDescending(Strength).First();
        var linkIds = list.Exists(s => s.LinkIds is null)
            ? null
            : (IReadOnlyList<Guid>)list.SelectMany(s => s.LinkIds!).Distinct().ToList();
        return new SyncScope(connectorId, trigger, linkIds);
    }

    private static int Strength(SyncTrigger trigger) => trigger switch
    {
        SyncTrigger.Reconcile => 3,
        SyncTrigger.Manual => 2,
        SyncTrigger.Webhook => 1,
        _ => 0,
    };
}
