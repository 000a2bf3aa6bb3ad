namespace OkrConnect.Host.Security;

// Owner: security. Authentication (embedded issuer or external IdP), authorization policies, Data Protection.
public static class SecurityExtensions
{
    public static WebApplicationBuilder AddOkrConnectSecurity(this WebApplicationBuilder builder)
    {
        builder.Services.AddAuthentication();
        builder.Services.AddAuthorization();
        return builder;
    }

    public static WebApplication UseOkrConnectSecurity(this WebApplication app)
    {
        app.UseAuthentication();
        app.UseAuthorization();
        return app;
    }

    /// <summary>At first start with no admin, creates one and prints a one-time bootstrap secret.</summary>
    public static Task BootstrapAdminAsync(this WebApplication app) => Task.CompletedTask;
}
