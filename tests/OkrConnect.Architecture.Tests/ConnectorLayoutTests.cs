namespace OkrConnect.Architecture.Tests;

/// <summary>A tracker is a folder: its connector, settings with validation, a README, and a test project beside the others.</summary>
public sealed class ConnectorLayoutTests
{
    public static TheoryData<string> ConnectorFolders()
    {
        var data = new TheoryData<string>();
        foreach (var dir in new DirectoryInfo(Path.Combine(RepositoryLayout.Root.FullName, "connectors")).EnumerateDirectories())
        {
            data.Add(dir.Name);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(ConnectorFolders))]
    public void Connector_folder_is_complete(string name)
    {
        var folder = Path.Combine(RepositoryLayout.Root.FullName, "connectors", name);
        Assert.True(File.Exists(Path.Combine(folder, "README.md")), $"connectors/{name} needs a README.md (auth, scopes, fields used)");
        Assert.True(File.Exists(Path.Combine(folder, $"OkrConnect.Connectors.{name}.csproj")), $"connectors/{name} needs OkrConnect.Connectors.{name}.csproj");
        Assert.True(File.Exists(Path.Combine(folder, $"{name}Settings.cs")), $"connectors/{name} needs {name}Settings.cs (settings + validation)");
        Assert.True(File.Exists(Path.Combine(folder, $"{name}Connector.cs")), $"connectors/{name} needs {name}Connector.cs");
        var tests = Path.Combine(RepositoryLayout.Root.FullName, "tests", $"OkrConnect.Connectors.{name}.Tests");
        Assert.True(Directory.Exists(tests), $"connectors/{name} needs tests in tests/OkrConnect.Connectors.{name}.Tests");
    }

    [Fact]
    public void Connectors_folder_holds_at_least_one_tracker() =>
        Assert.NotEmpty(ConnectorFolders());
}
