using System.Text.Json;
using OkrConnect.Core.Connectors;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Sync;

/// <summary>Small shared pieces of the sync repositories' SQL parameters and JSON columns.</summary>
internal static class SyncSql
{
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>A list of texts as one parameter: a JSON array for SQLite's json_each, a text[] for PostgreSQL's ANY.</summary>
    public static object TextList(this SqlDialect dialect, IEnumerable<string> values) =>
        dialect == SqlDialect.Sqlite ? JsonSerializer.Serialize(values) : values.ToArray();

    public static string ToJson<T>(T value) => JsonSerializer.Serialize(value, Json);

    public static T FromJson<T>(string? json, T fallback) =>
        string.IsNullOrEmpty(json) ? fallback : JsonSerializer.Deserialize<T>(json, Json) ?? fallback;

    public static string TargetsToJson(IEnumerable<TargetRef> targets) =>
        ToJson(targets.Select(t => new TargetJson(t.Kind, t.Key)));

    public static IReadOnlyList<TargetRef> TargetsFromJson(string? json) =>
        FromJson<List<TargetJson>>(json, []).Select(t => new TargetRef(t.Kind, t.Key)).ToList();

    private sealed record TargetJson(string Kind, string Key);
}
