using Xunit.Sdk;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>
/// A fact that runs on the engine of its test class (<c>SomeTests&lt;SqliteTestDatabase&gt;</c> or
/// <c>&lt;PostgresTestDatabase&gt;</c>) and is reported as skipped when that engine is not available here.
/// One test method in an abstract base thus runs, or skips, once per engine.
/// </summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("OkrConnect.Storage.Tests.Infrastructure.StorageFactDiscoverer", "OkrConnect.Storage.Tests")]
public sealed class StorageFactAttribute : FactAttribute;

/// <summary>A theory with the same per-engine skipping as <see cref="StorageFactAttribute"/>.</summary>
[AttributeUsage(AttributeTargets.Method)]
[XunitTestCaseDiscoverer("OkrConnect.Storage.Tests.Infrastructure.StorageTheoryDiscoverer", "OkrConnect.Storage.Tests")]
public sealed class StorageTheoryAttribute : TheoryAttribute;
