using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// An issue as the REST API returns it (list, get, sub-issues), reduced to the fields the connector reads.
/// https://docs.github.com/en/rest/issues/issues#get-an-issue
/// <see cref="PullRequest"/> is present only on pull requests, which the issues endpoints also return.
/// </summary>
internal sealed record IssuePayload(
    long Id,
    int Number,
    string Title,
    string State,
    string HtmlUrl,
    string RepositoryUrl,
    IReadOnlyList<LabelPayload> Labels,
    string? StateReason = null,
    JsonElement? PullRequest = null,
    MilestonePayload? Milestone = null,
    DateTimeOffset? UpdatedAt = null)
{
    [JsonIgnore]
    public bool IsPullRequest => PullRequest is { ValueKind: JsonValueKind.Object };
}
