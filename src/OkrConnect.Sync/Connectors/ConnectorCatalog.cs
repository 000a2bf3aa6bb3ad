using OkrConnect.Core.Connectors;

namespace OkrConnect.Sync.Connectors;

/// <summary>
/// Every registered tracker connector by kind. Adding a tracker is one registration line (e.g.
/// <c>services.AddJiraConnector()</c>); nothing here switches on kinds.
/// </summary>
public sealed class ConnectorCatalog(IEnumerable<ITrackerConnector> connectors)
{
    private readonly Dictionary<string, ITrackerConnector> byKind =
        connectors.GroupBy(c => c.Kind, StringComparer.OrdinalIgnoreCase)
            .ToDictionary(g => g.Key, g => g.Last(), StringComparer.OrdinalIgnoreCase);

    public ITrackerConnector? Find(string kind) => byKind.GetValueOrDefault(kind);

    public IReadOnlyCollection<string> Kinds => byKind.Keys;
}
