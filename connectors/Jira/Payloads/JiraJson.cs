using System.Text.Json;
using System.Text.Json.Serialization;

namespace OkrConnect.Connectors.Jira.Payloads;

/// <summary>One set of JSON options for every Jira payload: Jira's names are camelCase; nulls are left out of requests.</summary>
internal static class JiraJson
{
    public static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };
}
