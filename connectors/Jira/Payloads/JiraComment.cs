using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.Jira.Payloads;

// Comments and their properties.
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/
// https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comment-properties/

internal sealed record JiraComment
{
    [JsonRequired]
    public string Id { get; init; } = string.Empty;

    public string? Self { get; init; }

    public JiraUser? Author { get; init; }

    /// <summary>Cloud v3: an ADF document; Data Center v2: wiki markup text.</summary>
    public JsonNode? Body { get; init; }

    public string? Created { get; init; }

    public string? Updated { get; init; }

    /// <summary>Present only when asked for with <c>expand=properties</c>.</summary>
    public IReadOnlyList<JiraEntityProperty>? Properties { get; init; }
}

/// <summary>"PageOfComments" from GET issue comments.</summary>
internal sealed record JiraCommentPage
{
    public int StartAt { get; init; }

    public int MaxResults { get; init; }

    public int Total { get; init; }

    [JsonRequired]
    public IReadOnlyList<JiraComment> Comments { get; init; } = [];
}

/// <summary>"PageBeanComment" from Cloud's comments-by-ids.</summary>
internal sealed record JiraCommentListPage
{
    public int StartAt { get; init; }

    public int MaxResults { get; init; }

    public long Total { get; init; }

    public bool? IsLast { get; init; }

    [JsonRequired]
    public IReadOnlyList<JiraComment> Values { get; init; } = [];
}

/// <summary>"IssueCommentListRequestBean": at most 1000 ids.</summary>
internal sealed record JiraCommentListRequest(IReadOnlyList<long> Ids);

/// <summary>Body of add/update comment. Jira stores <see cref="Properties"/> with the comment in the same call.</summary>
internal sealed record JiraCommentWrite(JsonNode Body, IReadOnlyList<JiraEntityProperty> Properties);

/// <summary>An entity property ("EntityProperty"): a key and any JSON value.</summary>
internal sealed record JiraEntityProperty
{
    [JsonRequired]
    public string Key { get; init; } = string.Empty;

    public JsonNode? Value { get; init; }
}
