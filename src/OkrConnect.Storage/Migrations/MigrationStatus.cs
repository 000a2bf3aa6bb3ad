namespace OkrConnect.Storage.Migrations;

/// <summary>What a readiness check needs to know about the database.</summary>
public sealed record MigrationStatus(
    bool Reachable,
    IReadOnlyList<string> Applied,
    IReadOnlyList<string> Pending,
    string? Error)
{
    public int PendingCount => Pending.Count;

    /// <summary>Reachable and fully migrated.</summary>
    public bool IsReady => Reachable && Pending.Count == 0;

    public static MigrationStatus Unreachable(string error) => new(false, [], [], error);
}
