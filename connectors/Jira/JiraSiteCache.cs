using System.Collections.Concurrent;
using OkrConnect.Connectors.Jira.Payloads;

namespace OkrConnect.Connectors.Jira;

/// <summary>What a site's field list says about the fields the connector reads.</summary>
internal sealed record JiraSiteFields(IReadOnlyList<JiraField> StoryPointFields, JiraField? EpicLink)
{
    /// <summary>Team-managed projects use "Story point estimate", company-managed ones (and Data Center) "Story Points".</summary>
    public static readonly IReadOnlyList<string> StoryPointFieldNames = ["Story point estimate", "Story Points"];

    public const string EpicLinkFieldName = "Epic Link";

    public static JiraSiteFields Discover(IReadOnlyList<JiraField> fields) => new(
        StoryPointFieldNames
            .SelectMany(name => fields.Where(f => f.Custom && string.Equals(f.Name.Trim(), name, StringComparison.OrdinalIgnoreCase)))
            .ToList(),
        fields.FirstOrDefault(f => f.Custom && string.Equals(f.Name.Trim(), EpicLinkFieldName, StringComparison.OrdinalIgnoreCase)));
}

/// <summary>
/// Per-connector facts that rarely change: discovered field ids and the API user's time zone (JQL reads dates in it).
/// Kept for an hour so a sync costs no discovery calls; the connection test refreshes it.
/// </summary>
internal sealed class JiraSiteCache(TimeProvider clock)
{
    private static readonly TimeSpan Lifetime = TimeSpan.FromHours(1);

    private readonly ConcurrentDictionary<string, (JiraSiteFields Fields, DateTimeOffset At)> _fields = new();
    private readonly ConcurrentDictionary<string, (TimeZoneInfo? Zone, DateTimeOffset At)> _zones = new();

    public async Task<JiraSiteFields> GetFieldsAsync(JiraSession session, JiraClient client, CancellationToken ct)
    {
        if (_fields.TryGetValue(KeyOf(session), out var cached) && Fresh(cached.At))
        {
            return cached.Fields;
        }

        return Remember(session, await client.GetFieldsAsync(session, ct));
    }

    public JiraSiteFields Remember(JiraSession session, IReadOnlyList<JiraField> fields)
    {
        var discovered = JiraSiteFields.Discover(fields);
        _fields[KeyOf(session)] = (discovered, clock.GetUtcNow());
        return discovered;
    }

    /// <summary>The Epic Link field id learnt earlier, for webhook parsing, which makes no calls.</summary>
    public string? KnownEpicLinkField(JiraSession session) =>
        _fields.TryGetValue(KeyOf(session), out var cached) ? cached.Fields.EpicLink?.Id : null;

    /// <summary>Null when Jira names a zone this machine does not know.</summary>
    public async Task<TimeZoneInfo?> GetUserTimeZoneAsync(JiraSession session, JiraClient client, CancellationToken ct)
    {
        if (_zones.TryGetValue(KeyOf(session), out var cached) && Fresh(cached.At))
        {
            return cached.Zone;
        }

        var me = await client.GetMyselfAsync(session, ct);
        return RememberZone(session, me.TimeZone);
    }

    public TimeZoneInfo? RememberZone(JiraSession session, string? timeZoneId)
    {
        TimeZoneInfo? zone = null;
        if (!string.IsNullOrWhiteSpace(timeZoneId))
        {
            TimeZoneInfo.TryFindSystemTimeZoneById(timeZoneId, out zone);
        }

        _zones[KeyOf(session)] = (zone, clock.GetUtcNow());
        return zone;
    }

    private bool Fresh(DateTimeOffset at) => clock.GetUtcNow() - at < Lifetime;

    // The same connector pointed at another site or deployment must not reuse the old site's fields.
    private static string KeyOf(JiraSession session) => $"{session.ConnectorId:N}|{session.BaseUri}|{session.Settings.Deployment}";
}
