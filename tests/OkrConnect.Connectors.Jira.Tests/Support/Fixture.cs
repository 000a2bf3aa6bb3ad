namespace OkrConnect.Connectors.Jira.Tests.Support;

/// <summary>Payload files copied into the test project (see Fixtures/README.md); never read from outside it.</summary>
internal static class Fixture
{
    public static string PathOf(string name) => Path.Combine(AppContext.BaseDirectory, "Fixtures", name);

    public static string Text(string name) => File.ReadAllText(PathOf(name));

    public static byte[] Bytes(string name) => File.ReadAllBytes(PathOf(name));
}
