using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

// Owner: security. `token create --subject alice --role manager [--team web]... [--name "Alice"] [--days 30]` prints a token
// signed with the server's key. Any other `--Section:Key value` argument is configuration, as for the server.
public static class TokenCommand
{
    private const string Usage = """
        Usage: OkrConnect.Host token create --subject <subject> --role <admin|manager|member|viewer>
                                            [--team <team>]... [--name <display name>] [--days <1-365>]
                                            [--Storage:DataDirectory <dir>] [other --Section:Key value settings]
        Prints a bearer token signed with this installation's key (Auth:Mode must be embedded).
        """;

    public static bool IsInvocation(string[] args) => args.Length > 0 && args[0] == "token";

    public static Task<int> RunAsync(string[] args) => RunAsync(args, Console.Out, Console.Error);

    /// <summary>Writes only the token to <paramref name="output"/> (so <c>$(...)</c> captures it); everything else goes to <paramref name="error"/>.</summary>
    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length < 2 || args[1] != "create")
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }

        try
        {
            return await CreateAsync(CreateArguments.Parse(args[2..]), output, error);
        }
        catch (Exception e) when (e is OptionsValidationException or InvalidOperationException)
        {
            // Configuration and key problems carry a message that says what to fix; a stack trace would bury it.
            await error.WriteLineAsync(e.Message);
            return 1;
        }
    }

    private static async Task<int> CreateAsync(CreateArguments arguments, TextWriter output, TextWriter error)
    {
        await using var app = BuildApp(arguments.Settings);
        var auth = app.Services.GetRequiredService<IOptions<AuthOptions>>().Value;
        var errors = arguments.Errors;
        var lifetimeDays = AccountInput.LifetimeDays(arguments.Days, auth.MaxTokenLifetimeDays, errors);
        if (errors.Count > 0)
        {
            foreach (var message in errors.Values.SelectMany(m => m))
            {
                await error.WriteLineAsync(message);
            }

            await error.WriteLineAsync(Usage);
            return 2;
        }

        if (auth.Mode != AuthMode.Embedded)
        {
            await error.WriteLineAsync("Auth:Mode is external: tokens come from your identity provider, not from OkrConnect.");
            return 1;
        }

        await app.PrepareDatabaseAsync();
        await app.Services.GetRequiredService<EmbeddedSigningKey>().InitializeAsync(CancellationToken.None);
        var token = app.Services.GetRequiredService<ITokenIssuer>()
            .Issue(new TokenRequest(arguments.Subject, arguments.Name, arguments.Role, arguments.Teams, TimeSpan.FromDays(lifetimeDays)));
        await output.WriteLineAsync(token.AccessToken);
        await error.WriteLineAsync($"Token for '{arguments.Subject}' ({arguments.Role.ToClaimValue()}) expires {token.ExpiresAt:u}.");
        return 0;
    }

    /// <summary>The same configuration, storage and keys as the server, without starting it.</summary>
    private static WebApplication BuildApp(string[] settings)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = settings, ContentRootPath = AppContext.BaseDirectory });

        // Standard output carries the token alone; warnings and errors go to standard error.
        builder.Logging.ClearProviders();
        builder.Logging.AddConsole(console => console.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        builder.AddOkrConnectConfiguration();
        builder.AddOkrConnectStorage();
        builder.AddOkrConnectSecurity();
        return builder.Build();
    }

    /// <summary>The command's own options, checked; everything else is passed on as configuration.</summary>
    private sealed record CreateArguments(
        string Subject,
        Role Role,
        IReadOnlyList<string> Teams,
        string? Name,
        int? Days,
        string[] Settings,
        Dictionary<string, string[]> Errors)
    {
        private static readonly string[] OwnOptions = ["--subject", "--role", "--team", "--name", "--days"];

        public static CreateArguments Parse(string[] args)
        {
            var values = new Dictionary<string, List<string>>(StringComparer.OrdinalIgnoreCase);
            var settings = new List<string>();
            for (var i = 0; i < args.Length; i++)
            {
                var option = OwnOptions.FirstOrDefault(o => o.Equals(args[i], StringComparison.OrdinalIgnoreCase));
                if (option is null || i + 1 >= args.Length)
                {
                    settings.Add(args[i]);
                    continue;
                }

                if (!values.TryGetValue(option, out var list))
                {
                    list = [];
                    values[option] = list;
                }

                list.Add(args[++i]);
            }

            string? Last(string option) => values.GetValueOrDefault(option)?.LastOrDefault();
            var errors = new Dictionary<string, string[]>();
            var teams = values.GetValueOrDefault("--team")?.SelectMany(t => t.Split(',', StringSplitOptions.RemoveEmptyEntries)).ToArray();
            int? days = null;
            if (Last("--days") is { } daysText)
            {
                if (int.TryParse(daysText, out var parsed))
                {
                    days = parsed;
                }
                else
                {
                    errors["days"] = [$"--days must be a whole number; got '{daysText}'."];
                }
            }

            return new CreateArguments(
                AccountInput.Subject(Last("--subject"), errors),
                AccountInput.Role(Last("--role"), errors),
                AccountInput.Teams(teams, errors),
                AccountInput.Name(Last("--name"), errors),
                days,
                settings.ToArray(),
                errors);
        }
    }
}
