using OkrConnect.Core.Connectors;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.Connectors;

/// <summary>
/// Asks the tracker whether a link target exists and is of the right kind, before a link is stored: a typo in an epic
/// key is refused at once instead of surfacing as a stale link at the next sync. Returns the target's title and URL.
/// When the tracker could not be asked, the description carries the failure's category
/// (<see cref="TargetDescription.FailureCategory"/>), so callers can say "try again" instead of "no such target".
/// </summary>
public sealed class LinkTargetValidator(ConnectorContextLoader connectors)
{
    public async Task<TargetDescription> DescribeAsync(Guid connectorId, TargetRef target, CancellationToken ct)
    {
        if (await connectors.LoadAsync(connectorId, ct) is not { } connector)
        {
            return new TargetDescription(false, null, null, $"Connector {connectorId} does not exist or its kind is not installed.");
        }

        try
        {
            return await connector.Connector.DescribeTargetAsync(connector.Settings, target, ct);
        }
        catch (Exception ex) when (!ct.IsCancellationRequested)
        {
            var failure = TrackerFailure.From(ex, retriedByLaterRun: false);
            return new TargetDescription(false, null, null, failure.Message, failure.Category);
        }
    }
}
