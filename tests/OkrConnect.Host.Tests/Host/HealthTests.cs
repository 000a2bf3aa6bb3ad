using System.Net;
using System.Text.Json;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Host;

public sealed class HealthTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public async Task Healthz_answers_200_without_a_token()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/healthz");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task Readyz_answers_200_once_migrations_ran()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/readyz");

        var body = await response.ReadJsonAsync<JsonElement>();
        Assert.Equal("Healthy", body.GetProperty("status").GetString());
        Assert.Equal("database", body.GetProperty("checks")[0].GetProperty("name").GetString());
    }
}
