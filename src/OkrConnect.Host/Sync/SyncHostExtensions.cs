using OkrConnect.Connectors.GitHub;
using OkrConnect.Connectors.Jira;
using OkrConnect.Host.Security;
using OkrConnect.Host.Sync;
using OkrConnect.Sync;
using OkrConnect.Sync.Connectors;

namespace OkrConnect.Host;

// Owner: sync. In the host's root namespace, like the other Add…/Map… extensions Program.cs calls. The engine, the connectors (one line each) and the sync endpoints.
public static class SyncHostExtensions
{
    public static WebApplicationBuilder AddOkrConnectSync(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOkrConnectSyncEngine(builder.Configuration);
        services.AddSingleton<ISecretUnprotector, DataProtectionSecretUnprotector>();

        // Trackers: one line each.
        services.AddJiraConnector();
        services.AddGitHubConnector();
        return builder;
    }

    /// <summary><c>/webhooks/{kind}/{connectorId}</c> (anonymous, signature-checked) and the sync endpoints under /api.</summary>
    public static WebApplication MapSyncApi(this WebApplication app)
    {
        app.MapWebhooksApi();

        var api = app.MapGroup("/api").RequireAuthorization(Policies.RequireViewer).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapConnectorSyncApi();
        api.MapKeyResultSyncApi();
        return app;
    }
}
