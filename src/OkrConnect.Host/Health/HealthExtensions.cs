using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;
using OkrConnect.Storage;

namespace OkrConnect.Host.Health;

// Owner: security/host. /healthz (alive) and /readyz (database reachable, migrations applied).
public static class HealthExtensions
{
    private const string ReadyTag = "ready";

    public static WebApplicationBuilder AddOkrConnectHealth(this WebApplicationBuilder builder)
    {
        builder.Services.AddHealthChecks()
            .AddCheck<StorageHealthCheck>("database", tags: [ReadyTag]);
        return builder;
    }

    public static WebApplication MapHealthApi(this WebApplication app)
    {
        // Liveness runs no checks: it answers 200 whenever the process can serve a request.
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteJsonAsync })
            .AllowAnonymous()
            .ExcludeFromDescription();
        app.MapHealthChecks("/readyz", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteJsonAsync,
            ResultStatusCodes =
            {
                [HealthStatus.Healthy] = StatusCodes.Status200OK,
                [HealthStatus.Degraded] = StatusCodes.Status200OK,
                [HealthStatus.Unhealthy] = StatusCodes.Status503ServiceUnavailable,
            },
        })
            .AllowAnonymous()
            .ExcludeFromDescription();
        return app;
    }

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary><c>{"status":"Unhealthy","checks":[{"name":"database","status":"Unhealthy","reason":"2 migrations pending"}]}</c></summary>
    private static Task WriteJsonAsync(HttpContext http, HealthReport report)
    {
        var body = new
        {
            status = report.Status.ToString(),
            checks = report.Entries.Select(entry => new
            {
                name = entry.Key,
                status = entry.Value.Status.ToString(),
                reason = entry.Value.Description,
            }),
        };
        http.Response.ContentType = "application/json; charset=utf-8";
        return http.Response.WriteAsync(JsonSerializer.Serialize(body, Json));
    }
}
