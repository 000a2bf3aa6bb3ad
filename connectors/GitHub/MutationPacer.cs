namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// How writes are spaced for one token, from GitHub's guidance: one at a time, at least a second apart, and no more than
/// 80 content-generating requests a minute or 500 an hour.
/// https://docs.github.com/en/rest/using-the-rest-api/best-practices-for-using-the-rest-api#pause-between-mutative-requests
/// https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api#about-secondary-rate-limits
/// </summary>
public sealed record MutationPacing(TimeSpan MinSpacing, int PerMinute, int PerHour)
{
    public static MutationPacing GitHubDefaults { get; } = new(TimeSpan.FromSeconds(1), 80, 500);
}

/// <summary>
/// Serialises and paces one token's mutations (creates and edits alike: GitHub does not say which edits count as
/// content creation, so every write counts). A caller holds its turn until its request has completed.
/// Time comes from <see cref="TimeProvider"/> so tests advance it instead of sleeping.
/// </summary>
internal sealed class MutationPacer(TimeProvider time, MutationPacing pacing) : IDisposable
{
    private readonly SemaphoreSlim _turn = new(1, 1);
    private readonly List<DateTimeOffset> _sentInLastHour = [];
    private int _pending;

    /// <summary>Mutations waiting for their turn or in flight.</summary>
    public int Pending => Volatile.Read(ref _pending);

    /// <summary>Waits until this token may send its next mutation; dispose the result once the request is done.</summary>
    public async Task<IDisposable> WaitTurnAsync(CancellationToken ct)
    {
        Interlocked.Increment(ref _pending);
        try
        {
            await _turn.WaitAsync(ct);
        }
        catch
        {
            Interlocked.Decrement(ref _pending);
            throw;
        }

        try
        {
            var wait = NextSlot(time.GetUtcNow()) - time.GetUtcNow();
            if (wait > TimeSpan.Zero)
            {
                await Task.Delay(wait, time, ct);
            }

            _sentInLastHour.Add(time.GetUtcNow());
            return new Turn(this);
        }
        catch
        {
            Release();
            throw;
        }
    }

    // Only called while holding the turn, so the list needs no further locking.
    private DateTimeOffset NextSlot(DateTimeOffset now)
    {
        _sentInLastHour.RemoveAll(sent => sent <= now - TimeSpan.FromHours(1));
        if (_sentInLastHour.Count == 0)
        {
            return now;
        }

        var next = _sentInLastHour[^1] + pacing.MinSpacing;
        next = Later(next, WindowOpens(now, TimeSpan.FromMinutes(1), pacing.PerMinute));
        return Later(next, WindowOpens(now, TimeSpan.FromHours(1), pacing.PerHour));
    }

    // When the window holds `limit` sends already, the next may go once the oldest that keeps it full has aged out.
    private DateTimeOffset WindowOpens(DateTimeOffset now, TimeSpan window, int limit)
    {
        var inWindow = _sentInLastHour.Where(sent => sent > now - window).ToList();
        return inWindow.Count < limit ? now : inWindow[inWindow.Count - limit] + window;
    }

    public void Dispose() => _turn.Dispose();

    private static DateTimeOffset Later(DateTimeOffset a, DateTimeOffset b) => a > b ? a : b;

    private void Release()
    {
        _turn.Release();
        Interlocked.Decrement(ref _pending);
    }

    private sealed class Turn(MutationPacer pacer) : IDisposable
    {
        private int _disposed;

        public void Dispose()
        {
            if (Interlocked.Exchange(ref _disposed, 1) == 0)
            {
                pacer.Release();
            }
        }
    }
}
