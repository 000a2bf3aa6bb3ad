using System.Threading.Channels;

namespace OkrConnect.Sync.Engine;

/// <summary>
/// Stores fetched batches one at a time while the next ones are fetched, so a tracker read never waits for the
/// database (SQLite has a single writer anyway). Bounded: a fetch that gets <c>capacity</c> batches ahead waits, so a
/// run holds a few batches of items, never all of them. The first failing store cancels <see cref="Token"/> (the
/// fetching stops) and is rethrown by <see cref="CompleteAsync"/>.
/// </summary>
internal sealed class StoreQueue : IDisposable
{
    private readonly Channel<FetchOutcome> _queue;
    private readonly CancellationTokenSource _stop;
    private readonly Task _storing;
    private volatile bool _failed;

    public StoreQueue(Func<FetchOutcome, CancellationToken, Task> store, int capacity, CancellationToken ct)
    {
        _queue = Channel.CreateBounded<FetchOutcome>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _stop = CancellationTokenSource.CreateLinkedTokenSource(ct);
        _storing = StoreAllAsync(store, ct);
    }

    /// <summary>Cancelled when the caller's token is, or when a store failed.</summary>
    public CancellationToken Token => _stop.Token;

    /// <summary>A store failed: <see cref="CompleteAsync"/> says why.</summary>
    public bool Failed => _failed;

    /// <summary>Queues a fetched batch; waits while the queue is full.</summary>
    public ValueTask AddAsync(FetchOutcome batch, CancellationToken ct) => _queue.Writer.WriteAsync(batch, ct);

    /// <summary>Waits until every queued batch is stored; rethrows the failure of the store that failed.</summary>
    public async Task CompleteAsync()
    {
        _queue.Writer.TryComplete();
        await _storing;
    }

    public void Dispose() => _stop.Dispose();

    private async Task StoreAllAsync(Func<FetchOutcome, CancellationToken, Task> store, CancellationToken ct)
    {
        // Off the caller's stack: the first fetch starts without waiting for this loop to reach its first await.
        await Task.Yield();
        try
        {
            await foreach (var batch in _queue.Reader.ReadAllAsync(CancellationToken.None))
            {
                await store(batch, ct);
            }
        }
        catch
        {
            _failed = true;
            await _stop.CancelAsync();
            throw;
        }
    }
}
