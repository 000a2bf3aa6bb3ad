using Microsoft.Extensions.Configuration.CommandLine;
using Microsoft.Extensions.Configuration.EnvironmentVariables;
using OkrConnect.Storage;

namespace OkrConnect.Host;

// Owner: security. appsettings.json, then plain `Section__Key` environment variables, then OKRCONNECT__-prefixed ones,
// then the command line (WebApplication.CreateBuilder already adds the other three).
public static class HostConfigurationExtensions
{
    public const string EnvironmentPrefix = "OKRCONNECT__";

    public static WebApplicationBuilder AddOkrConnectConfiguration(this WebApplicationBuilder builder)
    {
        builder.Configuration.AddOkrConnectEnvironmentVariables();
        return builder;
    }

    /// <summary>
    /// Adds <c>OKRCONNECT__Section__Key</c> variables so they win over plain <c>Section__Key</c> ones
    /// while the command line still wins over both: it is inserted just before the command-line source.
    /// </summary>
    public static IConfigurationBuilder AddOkrConnectEnvironmentVariables(this IConfigurationBuilder configuration)
    {
        var source = new EnvironmentVariablesConfigurationSource { Prefix = EnvironmentPrefix };
        var commandLine = configuration.Sources
            .Select((s, index) => (s, index))
            .LastOrDefault(x => x.s is CommandLineConfigurationSource);
        if (commandLine.s is null)
        {
            configuration.Sources.Add(source);
        }
        else
        {
            configuration.Sources.Insert(commandLine.index, source);
        }

        return configuration;
    }

    public static WebApplicationBuilder AddOkrConnectStorage(this WebApplicationBuilder builder)
    {
        builder.Services.AddOkrConnectStorage(builder.Configuration);
        return builder;
    }

    /// <summary>Applies pending migrations before the server takes requests.</summary>
    public static async Task PrepareDatabaseAsync(this WebApplication app)
    {
        await app.Services.MigrateOkrConnectStorageAsync(app.Lifetime.ApplicationStopping);
    }
}
