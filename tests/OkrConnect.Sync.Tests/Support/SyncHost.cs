using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OkrConnect.Connectors.Jira;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;

namespace OkrConnect.Sync.Tests.Support;

/// <summary>
/// The real host on a fresh SQLite data directory, its Jira connector pointed at a <see cref="FakeJira"/> with tiny
/// retry delays. Recurring jobs are not scheduled and the Hangfire server is off, so only the test triggers syncs;
/// the webhook processor runs as in production.
/// </summary>
public sealed class SyncHost : WebApplicationFactory<Program>
{
    public const string PublicBaseUrl = "https://okr.example.test";

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    private readonly Dictionary<string, string?> settings;

    public SyncHost(IReadOnlyDictionary<string, string?>? extra = null)
    {
        DataDirectory = Path.Combine(Path.GetTempPath(), "okrconnect-sync-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(DataDirectory);
        settings = new Dictionary<string, string?>
        {
            ["Storage:Provider"] = "sqlite",
            ["Storage:DataDirectory"] = DataDirectory,
            ["Auth:BootstrapSecret"] = "sync-tests-bootstrap-secret",
            ["Jobs:Enabled"] = "false",
            ["Sync:ScheduleRecurringJobs"] = "false",
            ["Sync:WebhookProcessingDelayMs"] = "50",
            ["Sync:WebhookSweepSeconds"] = "2",
            ["Sync:LeaseSeconds"] = "30",
            ["OkrConnect:PublicBaseUrl"] = PublicBaseUrl,
        };
        foreach (var (key, value) in extra ?? new Dictionary<string, string?>())
        {
            settings[key] = value;
        }
    }

    public string DataDirectory { get; }

    /// <summary>Errors the host logged, for assertion messages.</summary>
    public ErrorLog Errors { get; } = new();

    public HttpClient ClientFor(Role role, string? subject = null, params string[] teams)
    {
        var token = Services.GetRequiredService<ITokenIssuer>()
            .Issue(new TokenRequest(subject ?? $"{role.ToString().ToLowerInvariant()}-user", null, role, teams, TimeSpan.FromHours(1)))
            .AccessToken;
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    public static async Task<T> ReadAsync<T>(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<T>(Json))!;

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging => logging.ClearProviders().SetMinimumLevel(LogLevel.Warning).AddProvider(Errors));
        builder.ConfigureTestServices(services => services.Configure<JiraResilienceOptions>(o =>
        {
            o.BaseDelay = TimeSpan.FromMilliseconds(1);
            o.MaxRetryAfter = TimeSpan.FromSeconds(5);
            o.AttemptTimeout = TimeSpan.FromSeconds(1);
        }));
        builder.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateScopes = true;
            provider.ValidateOnBuild = true;
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(DataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A pooled SQLite handle may still be closing; the temp folder goes with the OS's cleanup.
            }
        }
    }
}
