using System.Threading.Channels;

namespace OkrConnect.Sync.Webhooks;

/// <summary>
/// Wakes the in-process webhook processor as soon as a delivery is stored. One pending signal is enough: the processor
/// drains the whole inbox each time it wakes, so extra signals are dropped.
/// </summary>
public sealed class WebhookSignal
{
    private readonly Channel<bool> channel = Channel.CreateBounded<bool>(new BoundedChannelOptions(1)
    {
        FullMode = BoundedChannelFullMode.DropWrite,
        SingleReader = true,
    });

    public void Notify() => channel.Writer.TryWrite(true);

    /// <summary>Waits for a signal or the timeout (the periodic sweep), whichever comes first.</summary>
    public async Task WaitAsync(TimeSpan timeout, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        cts.CancelAfter(timeout);
        try
        {
            await channel.Reader.ReadAsync(cts.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            // The sweep interval passed without a signal.
        }
    }
}
