using System.Reflection;
using System.Text.RegularExpressions;
using System.Xml.Linq;

namespace OkrConnect.Architecture.Tests;

/// <summary>Core holds the domain and the rules: no I/O, no packages, no hidden clock.</summary>
public sealed partial class CoreIsPureTests
{
    private static readonly Assembly Core = typeof(OkrConnect.Core.Domain.KeyResult).Assembly;

    [Fact]
    public void Core_has_no_package_or_project_references()
    {
        var csproj = XDocument.Load(Path.Combine(RepositoryLayout.Root.FullName, "src/OkrConnect.Core/OkrConnect.Core.csproj"));
        var references = csproj.Descendants()
            .Where(e => e.Name.LocalName is "PackageReference" or "ProjectReference" or "FrameworkReference")
            .Select(e => (string?)e.Attribute("Include"))
            .ToList();
        Assert.Empty(references);
    }

    [Fact]
    public void Core_references_only_the_base_class_library()
    {
        var foreign = Core.GetReferencedAssemblies()
            .Select(a => a.Name!)
            .Where(name => !(name.StartsWith("System", StringComparison.Ordinal) || name is "netstandard" or "mscorlib"))
            .ToList();
        Assert.Empty(foreign);
    }

    [Fact]
    public void Core_source_does_no_io_and_reads_no_clock()
    {
        var offenders = RepositoryLayout.SourceFiles("src/OkrConnect.Core")
            .SelectMany(file => File.ReadLines(file.FullName)
                .Select((line, index) => (file, line, index))
                .Where(x => ForbiddenInCore().IsMatch(x.line)))
            .Select(x => $"{x.file.Name}:{x.index + 1}: {x.line.Trim()}")
            .ToList();
        Assert.Empty(offenders);
    }

    // I/O namespaces and APIs, and the ambient clock (time must be passed in so rules stay testable).
    [GeneratedRegex(@"using\s+System\.(IO|Net|Data)\b|\bHttpClient\b|\bFile\.|\bDirectory\.|\bConsole\.|DateTime(Offset)?\.(Now|UtcNow)|\bEnvironment\.GetEnvironmentVariable")]
    private static partial Regex ForbiddenInCore();
}
