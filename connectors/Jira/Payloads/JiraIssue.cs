using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.Jira.Payloads;

// Issue shapes returned by search and GET issue ("IssueBean"), limited to the fields the connector asks for.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get

internal sealed record JiraIssue
{
    public string? Id { get; init; }

    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    public string? Self { get; init; }

    public JiraIssueFields? Fields { get; init; }
}

internal sealed record JiraIssueFields
{
    public string? Summary { get; init; }

    public JiraStatus? Status { get; init; }

    public JiraResolution? Resolution { get; init; }

    public JiraIssueType? Issuetype { get; init; }

    /// <summary>Cloud: the epic (or, for a sub-task, the parent issue). Data Center: only sub-tasks have one.</summary>
    public JiraParent? Parent { get; init; }

    /// <summary>Kept as text: Jira writes offsets as "-0800", which is not ISO 8601.</summary>
    public string? Updated { get; init; }

    /// <summary>Custom fields (story points, Epic Link, the write-back field) by id.</summary>
    [JsonExtensionData]
    public Dictionary<string, JsonElement>? CustomFields { get; init; }
}

internal sealed record JiraStatus
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public JiraStatusCategory? StatusCategory { get; init; }
}

/// <summary>Keys are stable across languages: "new", "indeterminate", "done" (and "undefined").</summary>
internal sealed record JiraStatusCategory
{
    public int? Id { get; init; }

    public string? Key { get; init; }

    public string? Name { get; init; }

    public string? ColorName { get; init; }
}

internal sealed record JiraResolution
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public string? Description { get; init; }
}

internal sealed record JiraIssueType
{
    public string? Id { get; init; }

    public string? Name { get; init; }

    public bool Subtask { get; init; }

    /// <summary>Cloud only: 1 for epics, 0 for standard issues, -1 for sub-tasks.</summary>
    public int? HierarchyLevel { get; init; }
}

internal sealed record JiraParent
{
    public string? Id { get; init; }

    public string? Key { get; init; }

    public JiraParentFields? Fields { get; init; }
}

internal sealed record JiraParentFields
{
    public string? Summary { get; init; }

    public JiraIssueType? Issuetype { get; init; }
}
