using System.Text.Json;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// One serializer setup for GitHub's snake_case JSON. Nullable annotations and required constructor parameters are
/// enforced, so a body missing a field we rely on fails at the edge instead of turning into a wrong number later.
/// Unknown fields are ignored: GitHub adds fields all the time.
/// </summary>
internal static class GitHubJson
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };

    /// <summary>The same rules for GraphQL, whose field names are camelCase.</summary>
    public static JsonSerializerOptions GraphQlOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
    };
}
