using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OkrConnect.Host.Security.DataProtection;

namespace OkrConnect.Host.Security;

// Owner: security. Authentication (embedded issuer or external IdP), authorization policies, Data Protection.
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddOkrConnectSecurity(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<AuthOptions>()
            .Bind(builder.Configuration.GetSection(AuthOptions.Section))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<AuthOptions>, AuthOptionsValidator>();
        services.AddProblemDetails();
        services.AddOkrConnectDataProtection(builder.Configuration);
        services.TryAddSingleton(TimeProvider.System);

        services.AddSingleton<ISigningKeyStore, SigningKeyXmlStore>();
        services.AddSingleton<EmbeddedSigningKey>();
        services.AddSingleton<ITokenIssuer, JwtTokenIssuer>();
        services.AddSingleton<TokenRevocations>();
        services.AddSingleton(new OperatorConsole(Console.Out));
        services.AddScoped<BootstrapAdmin>();

        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme)
            .AddJwtBearer()
            .AddCookie(DashboardSession.Scheme, DashboardSession.Configure);
        services.AddSingleton<IConfigureOptions<JwtBearerOptions>, JwtBearerSetup>();

        services.AddAuthorization(options => options.AddOkrConnectPolicies());
        services.AddSingleton<IAuthorizationHandler, MinimumRoleHandler>();
        services.AddSingleton<IAuthorizationHandler, ApiCallerHandler>();
        services.AddSingleton<IAuthorizationMiddlewareResultHandler, ProblemAuthorizationResultHandler>();
        return builder;
    }

    public static WebApplication UseOkrConnectSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>The embedded issuer's endpoints: token exchange, minting, service accounts, dashboard session, who-am-I.</summary>
    public static WebApplication MapSecurityApi(this WebApplication app)
    {
        app.MapAuthApi();
        app.MapTokensApi();
        return app;
    }

    /// <summary>
    /// Embedded mode: loads (at first start, creates) the token signing key and, when no admin exists, creates one and
    /// prints a one-time bootstrap secret.
    /// </summary>
    public static async Task BootstrapAdminAsync(this WebApplication app)
    {
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        if (auth.Mode != AuthMode.Embedded)
        {
            return;
        }

        await app.Services.GetRequiredService<EmbeddedSigningKey>().InitializeAsync(app.Lifetime.ApplicationStopping);
        await using var scope = app.Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<BootstrapAdmin>().EnsureAsync(app.Lifetime.ApplicationStopping);
    }
}
