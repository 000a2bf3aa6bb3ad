using System.Collections.Concurrent;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Caps concurrent requests per connector (one Jira site's rate limit is shared by every job using it).
/// A slot is held across retries on purpose: a rate-limited site should see fewer requests, not more.
/// </summary>
internal sealed class JiraConcurrencyLimiter
{
    private readonly ConcurrentDictionary<Guid, Gate> _gates = new();

    public async ValueTask<IDisposable> EnterAsync(Guid connectorId, int maxConcurrent, CancellationToken ct)
    {
        // A changed setting gets a new gate; requests already inside the old one finish there.
        var gate = _gates.AddOrUpdate(
            connectorId,
            _ => new Gate(maxConcurrent),
            (_, existing) => existing.Max == maxConcurrent ? existing : new Gate(maxConcurrent));
        await gate.Semaphore.WaitAsync(ct);
        return new Slot(gate.Semaphore);
    }

    internal int Available(Guid connectorId) => _gates.TryGetValue(connectorId, out var gate) ? gate.Semaphore.CurrentCount : -1;

    private sealed class Gate(int max)
    {
        public int Max { get; } = max;

        public SemaphoreSlim Semaphore { get; } = new(max, max);
    }

    private sealed class Slot(SemaphoreSlim semaphore) : IDisposable
    {
        private int _released;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _released, 1) == 0)
            {
                semaphore.Release();
            }
        }
    }
}
