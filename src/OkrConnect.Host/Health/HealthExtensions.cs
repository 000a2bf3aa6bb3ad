namespace OkrConnect.Host.Health;

// Owner: security/host. /healthz (alive) and /readyz (database reachable, migrations applied).
public static class HealthExtensions
{
    public static WebApplicationBuilder AddOkrConnectHealth(this WebApplicationBuilder builder) => builder;

    public static WebApplication MapHealthApi(this WebApplication app) => app;
}
