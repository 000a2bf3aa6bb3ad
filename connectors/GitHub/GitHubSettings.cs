using System.Security.Cryptography;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// A GitHub connector's options (the connector's <c>OptionsJson</c>), with the validation that explains what is wrong.
/// The secret lives in <see cref="ConnectorSettings.Credentials"/>: a personal access token for <c>token</c>,
/// the app's private key (PEM) for <c>app</c>.
/// </summary>
public sealed record GitHubSettings
{
    public const string TokenAuth = "token";
    public const string AppAuth = "app";

    /// <summary>The points pattern used when none is configured: <c>points:3</c>, <c>size/0.5</c>.</summary>
    public const string DefaultPointsLabelPattern = @"^(?:points|size)[:/](\d+(?:\.\d+)?)$";

    /// <summary><c>token</c> (personal access token, classic or fine-grained) or <c>app</c> (GitHub App).</summary>
    public string Auth { get; init; } = TokenAuth;

    /// <summary>The GitHub App's id (app auth only).</summary>
    public long? AppId { get; init; }

    /// <summary>The installation to act as (app auth only); when absent it is looked up per repository owner.</summary>
    public long? InstallationId { get; init; }

    /// <summary>Labels that mark an open issue as in progress (compared case-insensitively).</summary>
    public IReadOnlyList<string> InProgressLabels { get; init; } = [];

    /// <summary>A regex whose first group is an issue's points, matched against each label name; null turns points off.</summary>
    public string? PointsLabelPattern { get; init; } = DefaultPointsLabelPattern;

    /// <summary>How many targets of one fetch are read at once. GitHub asks for serial requests, hence the low default.</summary>
    public int MaxConcurrentRequests { get; init; } = 1;

    /// <summary>Requests kept in hand: below this many remaining, calls wait for the rate-limit window to reset.</summary>
    public int RateLimitReserve { get; init; } = 50;

    /// <summary>The longest a call waits for a rate limit (reset or <c>retry-after</c>) before failing as rate-limited.</summary>
    public int MaxRateLimitWaitSeconds { get; init; } = 900;

    /// <summary>The Projects v2 number field that write-back mode "field" sets; null leaves field mode off.</summary>
    public GitHubProjectField? ProjectField { get; init; }

    [JsonIgnore]
    public bool UsesApp => Auth == AppAuth;

    [JsonIgnore]
    public TimeSpan MaxRateLimitWait => TimeSpan.FromSeconds(MaxRateLimitWaitSeconds);

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web)
    {
        // A misspelt key would otherwise be silently ignored and the default used.
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    /// <summary>Reads the options JSON; returns null with the reason when it cannot be read at all.</summary>
    public static GitHubSettings? Parse(string? optionsJson, out string? error)
    {
        error = null;
        if (string.IsNullOrWhiteSpace(optionsJson))
        {
            return new GitHubSettings();
        }

        try
        {
            var settings = JsonSerializer.Deserialize<GitHubSettings>(optionsJson, JsonOptions);
            if (settings is null)
            {
                error = "options must be a JSON object";
            }

            return settings;
        }
        catch (JsonException ex)
        {
            error = $"options are not valid: {ex.Message}";
            return null;
        }
    }

    /// <summary>Parses and validates; throws <see cref="TrackerException"/> (InvalidRequest) listing every problem.</summary>
    internal static GitHubSettings Require(ConnectorSettings connector)
    {
        var problems = Validate(connector, out var settings);
        if (problems.Count > 0 || settings is null)
        {
            throw new TrackerException(TrackerErrorCategory.InvalidRequest, "GitHub settings are invalid: " + string.Join("; ", problems));
        }

        return settings;
    }

    /// <summary>Every problem with the connector's base URL, options and secret, in words an admin can act on.</summary>
    public static IReadOnlyList<string> Validate(ConnectorSettings connector, out GitHubSettings? settings)
    {
        var problems = new List<string>();
        if (!Uri.TryCreate(connector.BaseUrl, UriKind.Absolute, out var baseUri) || baseUri.Scheme is not ("https" or "http"))
        {
            problems.Add("baseUrl must be the API root, e.g. https://api.github.com or https://ghe.example.com/api/v3");
        }

        settings = Parse(connector.OptionsJson, out var parseError);
        if (settings is null)
        {
            problems.Add(parseError ?? "options could not be read");
            return problems;
        }

        settings.ValidateOptions(problems);
        settings.ValidateCredentials(connector.Credentials, problems);
        return problems;
    }

    private void ValidateOptions(List<string> problems)
    {
        if (Auth is not (TokenAuth or AppAuth))
        {
            problems.Add($"auth must be \"{TokenAuth}\" or \"{AppAuth}\", not \"{Auth}\"");
        }

        if (UsesApp && AppId is not > 0)
        {
            problems.Add("appId is required for app auth (the number on the app's settings page)");
        }

        if (InstallationId is <= 0)
        {
            problems.Add("installationId must be a positive number, or left out to look it up per repository owner");
        }

        if (!UsesApp && (AppId is not null || InstallationId is not null))
        {
            problems.Add("appId and installationId only apply to app auth");
        }

        if (InProgressLabels.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("inProgressLabels must not contain empty names");
        }

        if (PointsLabelPattern is not null && CompilePointsPattern(PointsLabelPattern, out var patternError) is null)
        {
            problems.Add(patternError!);
        }

        if (MaxConcurrentRequests is < 1 or > 10)
        {
            problems.Add("maxConcurrentRequests must be between 1 and 10");
        }

        if (RateLimitReserve is < 0 or > 1000)
        {
            problems.Add("rateLimitReserve must be between 0 and 1000");
        }

        if (MaxRateLimitWaitSeconds is < 0 or > 3600)
        {
            problems.Add("maxRateLimitWaitSeconds must be between 0 and 3600");
        }

        ProjectField?.Validate(problems);
    }

    private void ValidateCredentials(string? credentials, List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(credentials))
        {
            problems.Add(UsesApp ? "the app's private key (PEM) is required as the credential" : "a personal access token is required as the credential");
            return;
        }

        if (!UsesApp)
        {
            return;
        }

        try
        {
            using var rsa = RSA.Create();
            rsa.ImportFromPem(credentials);
        }
        catch (ArgumentException)
        {
            problems.Add("the credential is not an RSA private key in PEM form (download a private key from the app's settings page)");
        }
        catch (CryptographicException)
        {
            problems.Add("the credential's PEM could not be read as an RSA private key");
        }
    }

    /// <summary>Compiles the points pattern with a match timeout (it comes from an admin, so guard against runaway patterns).</summary>
    internal static Regex? CompilePointsPattern(string pattern, out string? error)
    {
        error = null;
        try
        {
            var regex = new Regex(pattern, RegexOptions.IgnoreCase | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
            if (regex.GetGroupNumbers().Length < 2)
            {
                error = "pointsLabelPattern needs a capture group around the number, e.g. ^points:(\\d+)$";
                return null;
            }

            return regex;
        }
        catch (ArgumentException ex)
        {
            error = $"pointsLabelPattern is not a valid regular expression: {ex.Message}";
            return null;
        }
    }
}

/// <summary>
/// A number field of a Projects v2 project (user or organisation) that receives a key result's progress.
/// Example: <c>{"owner": "octo-org", "projectNumber": 5, "fieldName": "OKR progress", "scale": "percent"}</c>.
/// </summary>
public sealed record GitHubProjectField
{
    public const string PercentScale = "percent";
    public const string FractionScale = "fraction";

    /// <summary>The login of the user or organisation that owns the project.</summary>
    public string Owner { get; init; } = string.Empty;

    /// <summary>The project's number, as in https://github.com/orgs/octo-org/projects/5.</summary>
    public int ProjectNumber { get; init; }

    /// <summary>The name of a field of type Number in that project.</summary>
    public string FieldName { get; init; } = string.Empty;

    /// <summary><c>percent</c> writes 0–100 (one decimal), <c>fraction</c> writes 0–1.</summary>
    public string Scale { get; init; } = PercentScale;

    internal void Validate(List<string> problems)
    {
        if (string.IsNullOrWhiteSpace(Owner) || ProjectNumber <= 0 || string.IsNullOrWhiteSpace(FieldName))
        {
            problems.Add("projectField needs owner (the project's user or organisation), projectNumber and fieldName");
        }

        if (Scale is not (PercentScale or FractionScale))
        {
            problems.Add($"projectField.scale must be \"{PercentScale}\" or \"{FractionScale}\"");
        }
    }

    /// <summary>The number to store for a progress fraction.</summary>
    internal double ValueFor(double progress) =>
        Scale == FractionScale ? Math.Round(Math.Clamp(progress, 0, 1), 4) : Math.Round(Math.Clamp(progress, 0, 1) * 100, 1);
}
