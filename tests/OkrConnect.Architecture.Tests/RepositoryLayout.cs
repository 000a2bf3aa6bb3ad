namespace OkrConnect.Architecture.Tests;

/// <summary>Finds the checkout's files from the test's output folder, so rules can read the source tree.</summary>
internal static class RepositoryLayout
{
    public static DirectoryInfo Root { get; } = FindRoot();

    public static IEnumerable<FileInfo> SourceFiles(string relativeFolder, string pattern = "*.cs") =>
        new DirectoryInfo(Path.Combine(Root.FullName, relativeFolder))
            .EnumerateFiles(pattern, SearchOption.AllDirectories)
            .Where(f => !IsBuildOutput(f));

    private static bool IsBuildOutput(FileInfo file) =>
        file.FullName.Split(Path.DirectorySeparatorChar).Any(part => part is "bin" or "obj");

    private static DirectoryInfo FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "OkrConnect.sln")))
            {
                return dir;
            }
        }

        throw new InvalidOperationException("OkrConnect.sln not found above " + AppContext.BaseDirectory);
    }
}
