using System.Text.RegularExpressions;

namespace OkrConnect.Architecture.Tests;

/// <summary>Names say what things are, not how they are built.</summary>
public sealed partial class NamingTests
{
    [Fact]
    public void No_type_is_named_manager_helper_or_util()
    {
        var offenders = new[] { "src", "connectors" }
            .SelectMany(folder => RepositoryLayout.SourceFiles(folder))
            .SelectMany(file => TypeDeclaration().Matches(File.ReadAllText(file.FullName))
                .Select(m => m.Groups["name"].Value)
                .Where(name => VagueSuffix().IsMatch(name))
                .Select(name => $"{file.Name}: {name}"))
            .ToList();
        Assert.Empty(offenders);
    }

    [GeneratedRegex(@"\b(class|record|struct|interface|enum)\s+(?<name>[A-Za-z_][A-Za-z0-9_]*)")]
    private static partial Regex TypeDeclaration();

    [GeneratedRegex(@"(Manager|Helper|Helpers|Util|Utils|Utility|Utilities)$")]
    private static partial Regex VagueSuffix();
}
