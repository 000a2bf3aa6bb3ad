using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira;

public enum JiraDeployment
{
    /// <summary>Jira Cloud: REST v3, Basic auth with an Atlassian account e-mail and API token.</summary>
    Cloud,

    /// <summary>Jira Data Center / Server: REST v2, Bearer personal access token.</summary>
    DataCenter,
}

/// <summary>What an issue in the "In Progress" status category counts as.</summary>
public enum JiraInProgressHandling
{
    InProgress,

    /// <summary>For boards whose "in progress" columns mean nothing yet: count them as to do.</summary>
    ToDo,
}

/// <summary>
/// The Jira connector's options, parsed from <see cref="ConnectorSettings.OptionsJson"/>.
/// Every key is optional except <c>deployment</c>; unknown keys are refused so a typo never passes silently.
/// </summary>
public sealed partial record JiraSettings
{
    public static readonly IReadOnlyList<string> DefaultNotDoneResolutions =
        ["Won't Do", "Won't Fix", "Duplicate", "Cannot Reproduce", "Declined"];

    public const string DefaultPropertyKey = "okrconnect.progress";
    public const int DefaultMaxConcurrentRequests = 4;

    public JiraDeployment Deployment { get; init; } = JiraDeployment.Cloud;

    /// <summary>Cloud only: the Atlassian account e-mail that owns the API token in the credentials.</summary>
    public string? Email { get; init; }

    /// <summary>Story-point field ids (e.g. <c>customfield_10016</c>); empty means discover them from <c>/field</c>.</summary>
    public IReadOnlyList<string> StoryPointFields { get; init; } = [];

    /// <summary>Data Center only: the "Epic Link" field id; null means discover it from <c>/field</c>.</summary>
    public string? EpicLinkField { get; init; }

    /// <summary>Resolutions that close an issue without doing it (compared case-insensitively).</summary>
    public IReadOnlyList<string> NotDoneResolutions { get; init; } = DefaultNotDoneResolutions;

    public JiraInProgressHandling InProgressAs { get; init; } = JiraInProgressHandling.InProgress;

    /// <summary>True: sub-tasks are returned flagged, so they count through their parent. False: they are dropped.</summary>
    public bool CountSubtasks { get; init; } = true;

    /// <summary>The number field that "field" write-back sets (percent, 0–100).</summary>
    public string? WriteBackField { get; init; }

    /// <summary>The issue entity property that "property" write-back sets.</summary>
    public string PropertyKey { get; init; } = DefaultPropertyKey;

    public int MaxConcurrentRequests { get; init; } = DefaultMaxConcurrentRequests;

    public string ApiVersion => Deployment == JiraDeployment.Cloud ? "3" : "2";

    /// <summary>Parses the options and lists every problem; <paramref name="settings"/> is null when there are any.</summary>
    public static IReadOnlyList<string> TryParse(ConnectorSettings connector, out JiraSettings? settings)
    {
        settings = null;
        var problems = new List<string>();
        JiraSettingsJson? json;
        try
        {
            json = string.IsNullOrWhiteSpace(connector.OptionsJson)
                ? new JiraSettingsJson()
                : JsonSerializer.Deserialize<JiraSettingsJson>(connector.OptionsJson, OptionsJson);
        }
        catch (JsonException ex)
        {
            // The message names the offending path; it never contains secrets because options hold none.
            return [$"options are not valid JSON for the Jira connector: {ex.Message}"];
        }

        json ??= new JiraSettingsJson();
        var parsed = new JiraSettings();

        var deployment = json.Deployment?.Trim().ToLowerInvariant();
        switch (deployment)
        {
            case "cloud":
                parsed = parsed with { Deployment = JiraDeployment.Cloud };
                break;
            case "datacenter" or "data-center" or "server":
                parsed = parsed with { Deployment = JiraDeployment.DataCenter };
                break;
            case null or "":
                problems.Add("deployment is required: \"cloud\" or \"datacenter\"");
                break;
            default:
                problems.Add($"deployment \"{json.Deployment}\" is not \"cloud\" or \"datacenter\"");
                break;
        }

        if (!Uri.TryCreate(connector.BaseUrl, UriKind.Absolute, out var baseUri)
            || (baseUri.Scheme != Uri.UriSchemeHttps && baseUri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"base URL \"{connector.BaseUrl}\" is not an absolute http(s) URL");
        }

        if (json.Email is { } email && !email.Contains('@', StringComparison.Ordinal))
        {
            problems.Add($"email \"{email}\" is not an e-mail address");
        }

        foreach (var field in json.StoryPointFields ?? [])
        {
            if (!FieldId().IsMatch(field))
            {
                problems.Add($"storyPointFields: \"{field}\" is not a field id like customfield_10016");
            }
        }

        if (json.EpicLinkField is { } epicLink && !FieldId().IsMatch(epicLink))
        {
            problems.Add($"epicLinkField \"{epicLink}\" is not a field id like customfield_10014");
        }

        if (json.WriteBackField is { } writeBack && !FieldId().IsMatch(writeBack))
        {
            problems.Add($"writeBackField \"{writeBack}\" is not a field id like customfield_10100");
        }

        if (json.PropertyKey is { } propertyKey && (propertyKey.Length is 0 or > 255 || propertyKey.Any(char.IsWhiteSpace)))
        {
            problems.Add("propertyKey must be 1–255 characters without spaces");
        }

        if (json.MaxConcurrentRequests is < 1 or > 64)
        {
            problems.Add($"maxConcurrentRequests {json.MaxConcurrentRequests} is outside 1–64");
        }

        var inProgress = json.InProgressAs?.Trim().ToLowerInvariant();
        switch (inProgress)
        {
            case null or "in-progress":
                break;
            case "to-do":
                parsed = parsed with { InProgressAs = JiraInProgressHandling.ToDo };
                break;
            default:
                problems.Add($"inProgressAs \"{json.InProgressAs}\" is not \"in-progress\" or \"to-do\"");
                break;
        }

        if (json.NotDoneResolutions is { } notDone && notDone.Any(string.IsNullOrWhiteSpace))
        {
            problems.Add("notDoneResolutions must not contain empty names");
        }

        parsed = parsed with
        {
            Email = string.IsNullOrWhiteSpace(json.Email) ? null : json.Email.Trim(),
            StoryPointFields = json.StoryPointFields ?? [],
            EpicLinkField = json.EpicLinkField,
            NotDoneResolutions = json.NotDoneResolutions ?? DefaultNotDoneResolutions,
            CountSubtasks = json.CountSubtasks ?? true,
            WriteBackField = json.WriteBackField,
            PropertyKey = json.PropertyKey ?? DefaultPropertyKey,
            MaxConcurrentRequests = json.MaxConcurrentRequests ?? DefaultMaxConcurrentRequests,
        };

        if (problems.Count == 0)
        {
            problems.AddRange(CredentialProblems(parsed, connector.Credentials));
        }

        if (problems.Count == 0)
        {
            settings = parsed;
        }

        return problems;
    }

    /// <summary>Parses options that <see cref="TryParse"/> has accepted before; otherwise a typed error.</summary>
    public static JiraSettings Parse(ConnectorSettings connector)
    {
        var problems = TryParse(connector, out var settings);
        return settings ?? throw new TrackerException(
            TrackerErrorCategory.InvalidRequest,
            "Jira connector settings are invalid: " + string.Join("; ", problems));
    }

    /// <summary>
    /// Cloud: Basic with e-mail and API token. The e-mail comes from <see cref="Email"/> when set; otherwise the
    /// credentials must be "email:token". Data Center: Bearer with a personal access token.
    /// </summary>
    public AuthenticationHeaderValue AuthorizationFor(string? credentials)
    {
        var secret = credentials?.Trim() ?? string.Empty;
        if (Deployment == JiraDeployment.DataCenter)
        {
            return new AuthenticationHeaderValue("Bearer", secret);
        }

        var pair = Email is null ? secret : $"{Email}:{secret}";
        return new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes(pair)));
    }

    private static IEnumerable<string> CredentialProblems(JiraSettings settings, string? credentials)
    {
        if (string.IsNullOrWhiteSpace(credentials))
        {
            yield return settings.Deployment == JiraDeployment.Cloud
                ? "credentials are required: the Atlassian API token (with email set), or \"email:token\""
                : "credentials are required: a Data Center personal access token";
            yield break;
        }

        if (settings.Deployment == JiraDeployment.Cloud && settings.Email is null && !credentials.Contains(':', StringComparison.Ordinal))
        {
            yield return "Cloud needs an account e-mail: set \"email\" in the options or give credentials as \"email:token\"";
        }
    }

    private static readonly JsonSerializerOptions OptionsJson = new()
    {
        PropertyNameCaseInsensitive = true,
        ReadCommentHandling = JsonCommentHandling.Skip,
        AllowTrailingCommas = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    [GeneratedRegex("^(customfield_[0-9]+|[a-z][a-zA-Z]+)$")]
    private static partial Regex FieldId();

    /// <summary>The options as typed by an admin; nulls mean "use the default".</summary>
    private sealed record JiraSettingsJson
    {
        public string? Deployment { get; init; }
        public string? Email { get; init; }
        public List<string>? StoryPointFields { get; init; }
        public string? EpicLinkField { get; init; }
        public List<string>? NotDoneResolutions { get; init; }
        public string? InProgressAs { get; init; }
        public bool? CountSubtasks { get; init; }
        public string? WriteBackField { get; init; }
        public string? PropertyKey { get; init; }
        public int? MaxConcurrentRequests { get; init; }
    }
}
