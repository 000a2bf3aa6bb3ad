using System.Net.Http.Headers;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;
using Npgsql;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Tests.Infrastructure;

/// <summary>
/// The real host on a fresh temporary data directory (SQLite, or a fresh PostgreSQL schema), with a known bootstrap
/// secret, logs captured in <see cref="Logs"/> and the Hangfire server off unless asked for. Dispose deletes the data.
/// Use as <c>IClassFixture&lt;OkrConnectFactory&gt;</c> or create one per test for a fresh database.
/// </summary>
public class OkrConnectFactory : WebApplicationFactory<Program>
{
    public const string DefaultBootstrapSecret = "test-bootstrap-secret-do-not-use-elsewhere";
    public const string BootstrapSubject = "admin";

    private readonly OkrConnectFactoryOptions _options;
    private readonly bool _ownsDataDirectory;
    private readonly StringWriter _operatorConsole = new();
    private readonly string? _postgresSchema;

    public OkrConnectFactory()
        : this(new OkrConnectFactoryOptions())
    {
    }

    /// <summary>For fixtures that need other options: <c>class JobsFactory() : OkrConnectFactory(new() { JobsServer = true })</c>.</summary>
    /// <remarks>Protected because xunit wants a class fixture to have exactly one public constructor.</remarks>
    protected OkrConnectFactory(OkrConnectFactoryOptions options)
    {
        _options = options;
        _ownsDataDirectory = options.DataDirectory is null;
        DataDirectory = options.DataDirectory ?? CreateTempDirectory();
        if (options.Postgres)
        {
            _postgresSchema = "okrc_test_" + Guid.NewGuid().ToString("N")[..12];
            PostgresConnectionString = CreatePostgresSchema(_postgresSchema);
        }
    }

    /// <summary>A factory for one test, e.g. on a given data directory or with a generated bootstrap secret.</summary>
    public static OkrConnectFactory Create(OkrConnectFactoryOptions options) => new(options);

    /// <summary>The host's data directory (SQLite files, hangfire.db).</summary>
    public string DataDirectory { get; }

    /// <summary>The connection string (with its own search path) when running on PostgreSQL.</summary>
    public string? PostgresConnectionString { get; }

    public LogCapture Logs { get; } = new();

    /// <summary>What the host printed for the operator (the generated bootstrap secret), instead of the real console.</summary>
    public string OperatorConsoleText
    {
        get
        {
            lock (_operatorConsole)
            {
                return _operatorConsole.ToString();
            }
        }
    }

    /// <summary>The settings the host starts with, e.g. to run the token command against the same installation.</summary>
    public IReadOnlyDictionary<string, string?> Settings
    {
        get
        {
            var settings = new Dictionary<string, string?>
            {
                ["Storage:Provider"] = _options.Postgres ? "postgres" : "sqlite",
                ["Storage:DataDirectory"] = DataDirectory,
                ["Auth:BootstrapSecret"] = _options.BootstrapSecret ?? "",
                ["Jobs:Enabled"] = _options.JobsServer ? "true" : "false",
                ["Jobs:WorkerCount"] = "1",
                ["Jobs:PollInterval"] = "00:00:01",
            };
            if (PostgresConnectionString is not null)
            {
                settings["Storage:ConnectionString"] = PostgresConnectionString;
            }

            foreach (var (key, value) in _options.Settings)
            {
                settings[key] = value;
            }

            return settings;
        }
    }

    /// <summary>A client whose requests carry a real token for <paramref name="role"/>, minted by the server's <see cref="ITokenIssuer"/>.</summary>
    public HttpClient CreateClientFor(Role role, string? subject = null, params string[] teams) =>
        CreateClientWithToken(CreateToken(role, subject, teams));

    public HttpClient CreateAnonymousClient() => CreateClient();

    public HttpClient CreateClientWithToken(string token)
    {
        var client = CreateClient();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A valid token from the server's issuer; the subject defaults to e.g. "manager-user".</summary>
    public string CreateToken(Role role, string? subject = null, params string[] teams) =>
        Services.GetRequiredService<ITokenIssuer>()
            .Issue(new TokenRequest(subject ?? $"{role.ToClaimValue()}-user", null, role, teams, TimeSpan.FromHours(1)))
            .AccessToken;

    /// <summary>Any token, valid or not, for negative tests: see <see cref="TestTokenSpec"/>.</summary>
    public string MintToken(TestTokenSpec spec) => TestTokens.Mint(Services, spec);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        foreach (var (key, value) in Settings)
        {
            builder.UseSetting(key, value);
        }

        builder.ConfigureLogging(logging =>
        {
            logging.ClearProviders();
            logging.AddProvider(Logs);
        });
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<OperatorConsole>();
            services.AddSingleton(new OperatorConsole(TextWriter.Synchronized(_operatorConsole)));
        });

        // As in Development: catch a singleton that captures a scoped service, and any unresolvable registration.
        builder.UseDefaultServiceProvider(provider =>
        {
            provider.ValidateScopes = true;
            provider.ValidateOnBuild = true;
        });
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing)
        {
            return;
        }

        if (_postgresSchema is not null)
        {
            DropPostgresSchema(_postgresSchema);
        }

        if (_ownsDataDirectory)
        {
            TryDeleteDirectory(DataDirectory);
        }
    }

    public static string CreateTempDirectory()
    {
        var path = Path.Combine(Path.GetTempPath(), "okrconnect-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(path);
        return path;
    }

    public static void TryDeleteDirectory(string path)
    {
        try
        {
            if (Directory.Exists(path))
            {
                Directory.Delete(path, recursive: true);
            }
        }
        catch (IOException)
        {
            // A pooled SQLite handle may still be closing; the temp folder is cleaned by the OS eventually.
        }
        catch (UnauthorizedAccessException)
        {
        }
    }

    private static string CreatePostgresSchema(string schema)
    {
        var baseConnectionString = PostgresFactAttribute.ConnectionString
            ?? throw new InvalidOperationException($"{PostgresFactAttribute.Variable} is not set; mark the test [PostgresFact].");
        using (var connection = new NpgsqlConnection(baseConnectionString))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = $"CREATE SCHEMA \"{schema}\"";
            command.ExecuteNonQuery();
        }

        return new NpgsqlConnectionStringBuilder(baseConnectionString) { SearchPath = schema }.ConnectionString;
    }

    private static void DropPostgresSchema(string schema)
    {
        NpgsqlConnection.ClearAllPools();
        using var connection = new NpgsqlConnection(PostgresFactAttribute.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = $"DROP SCHEMA IF EXISTS \"{schema}\" CASCADE";
        command.ExecuteNonQuery();
    }
}
