namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>
/// A fresh, empty database for one test, on one engine. <see cref="SkipReason"/> says why the engine cannot
/// run here (read by <see cref="StorageFactAttribute"/> through the test class's type argument).
/// </summary>
public interface ITestDatabase : IAsyncDisposable
{
    static abstract string? SkipReason { get; }

    /// <summary>Creates the database and returns the configuration the app would read (keys under <c>Storage:</c>).</summary>
    Task<IReadOnlyDictionary<string, string?>> CreateAsync();
}
