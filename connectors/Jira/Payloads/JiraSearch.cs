using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.Jira.Payloads;

/// <summary>
/// Body of Cloud's enhanced search ("SearchAndReconcileRequestBean").
/// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
/// </summary>
internal sealed record JiraEnhancedSearchRequest(
    string Jql,
    IReadOnlyList<string> Fields,
    int MaxResults,
    string? NextPageToken);

/// <summary>One page of Cloud's enhanced search ("SearchAndReconcileResults"): no total, a token to the next page.</summary>
internal sealed record JiraEnhancedSearchPage
{
    [JsonRequired]
    public IReadOnlyList<JiraIssue> Issues { get; init; } = [];

    public string? NextPageToken { get; init; }

    public bool? IsLast { get; init; }
}

/// <summary>
/// Body of Data Center's search ("SearchRequestBean").
/// https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/search-searchUsingSearchRequest
/// </summary>
internal sealed record JiraSearchRequest(
    string Jql,
    int StartAt,
    int MaxResults,
    IReadOnlyList<string> Fields);

/// <summary>One page of Data Center's offset search ("SearchResults").</summary>
internal sealed record JiraSearchPage
{
    public int StartAt { get; init; }

    public int MaxResults { get; init; }

    public int Total { get; init; }

    [JsonRequired]
    public IReadOnlyList<JiraIssue> Issues { get; init; } = [];
}

/// <summary>https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jql/#api-rest-api-3-jql-parse-post</summary>
internal sealed record JiraJqlParseRequest(IReadOnlyList<string> Queries);

internal sealed record JiraParsedJqlQueries
{
    [JsonRequired]
    public IReadOnlyList<JiraParsedJqlQuery> Queries { get; init; } = [];
}

internal sealed record JiraParsedJqlQuery
{
    public string? Query { get; init; }

    public IReadOnlyList<string>? Errors { get; init; }

    public IReadOnlyList<string>? Warnings { get; init; }
}
