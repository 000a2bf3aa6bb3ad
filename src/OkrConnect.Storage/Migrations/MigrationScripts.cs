using DbUp.Engine;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Migrations;

/// <summary>
/// The numbered scripts of one engine, embedded as <c>Migrations/&lt;Engine&gt;/NNNN_name.sql</c> and recorded by
/// their file name (e.g. <c>0001_initial.sql</c>), so the version is readable in the journal.
/// </summary>
internal static class MigrationScripts
{
    public static IReadOnlyList<SqlScript> For(SqlDialect dialect)
    {
        var folder = dialect.Pick(sqlite: "Migrations/Sqlite/", postgres: "Migrations/Postgres/");
        var assembly = typeof(MigrationScripts).Assembly;

        return assembly.GetManifestResourceNames()
            .Select(name => (Resource: name, Normalised: name.Replace('\\', '/')))
            .Where(entry => entry.Normalised.StartsWith(folder, StringComparison.Ordinal)
                            && entry.Normalised.EndsWith(".sql", StringComparison.Ordinal))
            .Select(entry => new SqlScript(entry.Normalised[folder.Length..], Read(assembly, entry.Resource)))
            .OrderBy(script => script.Name, StringComparer.Ordinal)
            .ToList();
    }

    private static string Read(System.Reflection.Assembly assembly, string resource)
    {
        using var stream = assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration resource '{resource}' is missing.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
