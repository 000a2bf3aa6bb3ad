using Microsoft.Data.Sqlite;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>A SQLite file in its own temporary data directory, deleted afterwards.</summary>
public sealed class SqliteTestDatabase : ITestDatabase
{
    private readonly string directory = Path.Combine(Path.GetTempPath(), "okrconnect-tests", Guid.NewGuid().ToString("N"));

    public static string? SkipReason => null;

    public Task<IReadOnlyDictionary<string, string?>> CreateAsync()
    {
        IReadOnlyDictionary<string, string?> settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = directory,
        };
        return Task.FromResult(settings);
    }

    public ValueTask DisposeAsync()
    {
        // Pooled connections keep the file open; release them before deleting.
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(directory, recursive: true);
        }
        catch (IOException)
        {
            // Another test's pool may still hold it for a moment; the temp folder is cleaned by the OS.
        }

        return ValueTask.CompletedTask;
    }
}
