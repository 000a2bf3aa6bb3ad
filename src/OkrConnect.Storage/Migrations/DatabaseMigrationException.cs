namespace OkrConnect.Storage.Migrations;

/// <summary>A migration script failed; its transaction was rolled back and later scripts were not run.</summary>
public sealed class DatabaseMigrationException : Exception
{
    public DatabaseMigrationException(string? scriptName, Exception? inner)
        : base($"Database migration {scriptName ?? "(unknown script)"} failed: {inner?.Message}", inner)
    {
        ScriptName = scriptName;
    }

    public string? ScriptName { get; }
}
