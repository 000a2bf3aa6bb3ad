namespace OkrConnect.Host.Api;

// Owner: api. Problem details, JSON options, OpenAPI + reference page, and one Map<Feature>Api per resource.
public static class ApiExtensions
{
    public static WebApplicationBuilder AddOkrConnectApi(this WebApplicationBuilder builder) => builder;

    public static WebApplication UseOkrConnectApi(this WebApplication app) => app;

    public static WebApplication MapOkrConnectApi(this WebApplication app) => app;
}
