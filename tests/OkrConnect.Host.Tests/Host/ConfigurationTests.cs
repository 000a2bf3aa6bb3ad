using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;

namespace OkrConnect.Host.Tests.Host;

public sealed class ConfigurationTests
{
    [Fact]
    public void OKRCONNECT_variables_beat_plain_ones_and_the_command_line_beats_both()
    {
        // A unique section per run: environment variables are process-wide and other tests run in parallel.
        var section = "ConfigTest" + Guid.NewGuid().ToString("N")[..8];
        var variables = new Dictionary<string, string>
        {
            [$"OKRCONNECT__{section}__Prefixed"] = "from OKRCONNECT__",
            [$"{section}__Prefixed"] = "from plain",
            [$"{section}__Plain"] = "from plain",
            [$"OKRCONNECT__{section}__Cli"] = "from OKRCONNECT__",
        };
        foreach (var (name, value) in variables)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        try
        {
            var builder = WebApplication.CreateBuilder([$"--{section}:Cli", "from the command line"]);

            builder.AddOkrConnectConfiguration();

            Assert.Equal("from OKRCONNECT__", builder.Configuration[$"{section}:Prefixed"]);
            Assert.Equal("from plain", builder.Configuration[$"{section}:Plain"]);
            Assert.Equal("from the command line", builder.Configuration[$"{section}:Cli"]);
        }
        finally
        {
            foreach (var name in variables.Keys)
            {
                Environment.SetEnvironmentVariable(name, null);
            }
        }
    }

    [Fact]
    public void Without_a_command_line_source_the_prefixed_variables_come_last()
    {
        var section = "ConfigTest" + Guid.NewGuid().ToString("N")[..8];
        Environment.SetEnvironmentVariable($"OKRCONNECT__{section}__Key", "prefixed");
        try
        {
            var configuration = new ConfigurationManager();
            configuration.AddInMemoryCollection(new Dictionary<string, string?> { [$"{section}:Key"] = "file" });

            configuration.AddOkrConnectEnvironmentVariables();

            Assert.Equal("prefixed", configuration[$"{section}:Key"]);
        }
        finally
        {
            Environment.SetEnvironmentVariable($"OKRCONNECT__{section}__Key", null);
        }
    }
}
