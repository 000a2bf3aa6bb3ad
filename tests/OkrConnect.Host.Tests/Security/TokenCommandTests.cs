using System.Net;
using System.Net.Http.Json;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

public sealed class TokenCommandTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public async Task Prints_a_token_the_server_accepts()
    {
        _ = factory.Services; // the server is up and has created its signing key
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await TokenCommand.RunAsync(
            ["token", "create", "--subject", "carol", "--role", "manager", "--team", "web", "--team", "api", "--days", "7", .. StorageArguments()],
            output,
            error);

        Assert.True(exitCode == 0, error.ToString());
        var token = output.ToString().Trim();
        Assert.DoesNotContain('\n', token);
        var me = await factory.CreateClientWithToken(token).GetFromJsonAsync<MeResponse>("/api/me");
        Assert.Equal(("carol", "manager"), (me!.Subject, me.Role));
        Assert.Equal(["api", "web"], me.Teams);
    }

    [Fact]
    public async Task A_fresh_installation_gets_its_key_from_the_command_too()
    {
        var directory = OkrConnectFactory.CreateTempDirectory();
        try
        {
            var output = new StringWriter();
            var exitCode = await TokenCommand.RunAsync(
                ["token", "create", "--subject", "dave", "--role", "viewer", "--Storage:DataDirectory", directory],
                output,
                new StringWriter());
            Assert.Equal(0, exitCode);

            await using var server = OkrConnectFactory.Create(new() { DataDirectory = directory });
            var response = await server.CreateClientWithToken(output.ToString().Trim()).GetAsync("/api/me");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        }
        finally
        {
            OkrConnectFactory.TryDeleteDirectory(directory);
        }
    }

    [Theory]
    [InlineData("token")]
    [InlineData("token create --role manager")]
    [InlineData("token create --subject alice --role owner")]
    [InlineData("token create --subject alice --role member --days 0")]
    [InlineData("token create --subject alice --role member --days soon")]
    public async Task Bad_arguments_print_usage_and_exit_2(string commandLine)
    {
        var output = new StringWriter();
        var error = new StringWriter();

        var exitCode = await TokenCommand.RunAsync([.. commandLine.Split(' '), .. StorageArguments()], output, error);

        Assert.Equal(2, exitCode);
        Assert.Equal("", output.ToString());
        Assert.Contains("Usage:", error.ToString(), StringComparison.Ordinal);
    }

    private string[] StorageArguments() => factory.Settings
        .Where(setting => setting.Key.StartsWith("Storage:", StringComparison.Ordinal))
        .SelectMany(setting => new[] { $"--{setting.Key}", setting.Value ?? "" })
        .ToArray();
}
