using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.Jira.Payloads;

/// <summary>
/// The calling user (Cloud: accountId; Data Center: name/key). <see cref="TimeZone"/> is the zone JQL dates are read in.
/// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
/// </summary>
internal sealed record JiraUser
{
    public string? Self { get; init; }

    public string? AccountId { get; init; }

    public string? Name { get; init; }

    public string? Key { get; init; }

    public string? EmailAddress { get; init; }

    [JsonRequired]
    public string DisplayName { get; init; } = string.Empty;

    public bool? Active { get; init; }

    public string? TimeZone { get; init; }

    public string? Locale { get; init; }
}

/// <summary>https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get</summary>
internal sealed record JiraServerInfo
{
    public string? BaseUrl { get; init; }

    [JsonRequired]
    public string Version { get; init; } = string.Empty;

    public IReadOnlyList<int>? VersionNumbers { get; init; }

    /// <summary>"Cloud", "Server" or "DataCenter".</summary>
    public string? DeploymentType { get; init; }

    public int? BuildNumber { get; init; }

    public string? ServerTitle { get; init; }
}

/// <summary>https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get</summary>
internal sealed record JiraField
{
    [JsonRequired]
    public string Id { get; init; } = string.Empty;

    public string? Key { get; init; }

    [JsonRequired]
    public string Name { get; init; } = string.Empty;

    public bool Custom { get; init; }

    public IReadOnlyList<string>? ClauseNames { get; init; }

    public JiraFieldSchema? Schema { get; init; }
}

internal sealed record JiraFieldSchema
{
    public string? Type { get; init; }

    public string? Custom { get; init; }

    public long? CustomId { get; init; }

    public string? System { get; init; }
}

/// <summary>Jira's error body ("ErrorCollection"): messages plus per-field errors.</summary>
internal sealed record JiraErrorCollection
{
    public IReadOnlyList<string>? ErrorMessages { get; init; }

    public Dictionary<string, string>? Errors { get; init; }
}
