namespace OkrConnect.Host;

// Owner: security. appsettings.json, then OKRCONNECT__-prefixed and plain `__` environment variables, then the command line.
public static class HostConfigurationExtensions
{
    public static WebApplicationBuilder AddOkrConnectConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddEnvironmentVariables(prefix: "OKRCONNECT__");
        return builder;
    }

    public static WebApplicationBuilder AddOkrConnectStorage(this WebApplicationBuilder builder) => builder;

    /// <summary>Applies pending migrations before the server takes requests.</summary>
    public static Task PrepareDatabaseAsync(this WebApplication app) => Task.CompletedTask;
}
