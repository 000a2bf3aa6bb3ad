namespace OkrConnect.Sync.Coordination;

/// <summary>This process's name as a lease and claim owner: unique per start, readable in the database.</summary>
public sealed class SyncInstance
{
    private static readonly string Machine = Environment.MachineName.Length > 60 ? Environment.MachineName[..60] : Environment.MachineName;

    public string Id { get; } = $"{Machine}:{Environment.ProcessId}:{Guid.NewGuid():N}";
}
