using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Progress;

/// <summary>Key results of a closed cycle are frozen: no automated update (sync, write-back, manual expiry) touches them.</summary>
public static class FrozenCycleRule
{
    public static bool AllowsAutomatedUpdate(Cycle cycle) => !cycle.IsClosed;
}
