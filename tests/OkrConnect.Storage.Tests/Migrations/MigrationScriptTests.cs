using System.Reflection;
using OkrConnect.Storage.Migrations;

namespace OkrConnect.Storage.Tests.Migrations;

/// <summary>The two engines' script sets must move in step: same numbered names, no gaps.</summary>
public sealed class MigrationScriptTests
{
    [Fact]
    public void Both_engines_have_the_same_numbered_scripts()
    {
        var sqlite = ScriptNames("Migrations/Sqlite/");
        var postgres = ScriptNames("Migrations/Postgres/");

        Assert.NotEmpty(sqlite);
        Assert.Equal(sqlite, postgres);
        Assert.All(sqlite, name => Assert.Matches(@"^\d{4}_[a-z0-9_]+\.sql$", name));
        Assert.Equal(
            Enumerable.Range(1, sqlite.Count).Select(number => number.ToString("D4")),
            sqlite.Select(name => name[..4]));
    }

    private static List<string> ScriptNames(string folder) =>
        typeof(DatabaseMigrator).Assembly.GetManifestResourceNames()
            .Select(name => name.Replace('\\', '/'))
            .Where(name => name.StartsWith(folder, StringComparison.Ordinal))
            .Select(name => name[folder.Length..])
            .Order(StringComparer.Ordinal)
            .ToList();
}
