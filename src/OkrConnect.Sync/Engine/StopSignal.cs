namespace OkrConnect.Sync.Engine;

/// <summary>
/// The first "stop" (rate limit, outage) met by any of several tracker calls running together, so calls not yet started
/// are not made. Thread-safe; the first failure set wins.
/// </summary>
internal sealed class StopSignal(TrackerFailure? initial)
{
    private TrackerFailure? failure = initial;

    public TrackerFailure? Failure => Volatile.Read(ref failure);

    public void Set(TrackerFailure stop) => Interlocked.CompareExchange(ref failure, stop, null);
}
