using OkrConnect.Core.Connectors;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Sync.Connectors;

/// <summary>
/// Asks the tracker whether a link target exists and is of the right kind, before a link is stored: a typo in an epic
/// key is refused at once instead of surfacing as a stale link at the next sync. Returns the target's title and URL.
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
            return new TargetDescription(false, null, null, TrackerFailure.From(ex).Message);
        }
    }
}
