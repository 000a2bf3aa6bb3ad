using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Json;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkrConnect.Host.Api.CheckIns;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Api.Connectors;
using OkrConnect.Host.Api.Cycles;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.Links;
using OkrConnect.Host.Api.ManualProgress;
using OkrConnect.Host.Api.Map;
using OkrConnect.Host.Api.Objectives;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Host.Security;
using Scalar.AspNetCore;

namespace OkrConnect.Host.Api;

// Owner: api. Problem details, JSON options, OpenAPI + reference page, and one Map<Feature>Api per resource.
public static class ApiExtensions
{
    public static WebApplicationBuilder AddOkrConnectApi(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
            context.ProblemDetails.Instance ??= context.HttpContext.Request.Path);
        services.AddExceptionHandler<BadRequestExceptionHandler>();
        services.AddExceptionHandler<StorageBusyExceptionHandler>();

        // Binding failures throw, so BadRequestExceptionHandler can say which field was wrong (the default is an empty 400).
        services.Configure<RouteHandlerOptions>(options => options.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(options => ConfigureJson(options.SerializerOptions));

        services.AddOpenApi(options =>
        {
            options.AddSchemaTransformer<OptionalSchemaTransformer>();
            options.AddSchemaTransformer<RequiredFieldsSchemaTransformer>();
        });

        services.TryAddSingleton(TimeProvider.System);
        services.AddScoped<VisibleOkrs>();
        services.AddScoped<WritableCycle>();
        services.AddScoped<ParentKeyResultValidator>();
        services.AddScoped<ConnectorSecrets>();
        services.AddScoped<ProgressTreeLoader>();
        services.AddScoped<ProgressReports>();
        services.AddScoped<ProgressHistoryWriter>();
        services.AddScoped<CycleMapBuilder>();
        return builder;
    }

    public static WebApplication UseOkrConnectApi(this WebApplication app)
    {
        app.UseExceptionHandler();

        // Empty-bodied 4xx/5xx (404 for unknown routes, 405, 401 from the framework) get a problem body too.
        app.UseStatusCodePages();
        return app;
    }

    public static WebApplication MapOkrConnectApi(this WebApplication app)
    {
        app.MapOpenApi().AllowAnonymous();
        app.MapScalarApiReference().AllowAnonymous();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.RequireViewer).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapCyclesApi();
        api.MapCycleMapApi();
        api.MapObjectivesApi();
        api.MapKeyResultsApi();
        api.MapLinksApi();
        api.MapConnectorsApi();
        api.MapCheckInsApi();
        api.MapProgressApi();
        api.MapManualProgressApi();
        return app;
    }

    /// <summary>camelCase names; enums as kebab-case-lower strings ("status-weighted"), never numbers.</summary>
    public static void ConfigureJson(JsonSerializerOptions options)
    {
        options.PropertyNamingPolicy = JsonNamingPolicy.CamelCase;
        options.Converters.Add(new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower, allowIntegerValues: false));
    }
}
