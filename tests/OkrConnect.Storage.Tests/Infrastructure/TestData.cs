using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Storage.Tests.Infrastructure;

/// <summary>Valid domain records with distinct values in every field, so a dropped or swapped column shows.</summary>
public static class TestData
{
    /// <summary>A fixed instant with microseconds (the stored precision) and a non-UTC offset (stored as UTC).</summary>
    public static readonly DateTimeOffset Instant = new DateTimeOffset(2026, 3, 14, 9, 26, 53, TimeSpan.FromHours(2)).AddTicks(5_897_930);

    public static Cycle Cycle(DateOnly? start = null, DateTimeOffset? createdAt = null) => new(
        Guid.NewGuid(),
        "2026-Q1",
        start ?? new DateOnly(2026, 1, 1),
        (start ?? new DateOnly(2026, 1, 1)).AddDays(89),
        CycleState.Active,
        createdAt ?? Instant);

    public static Objective Objective(Guid cycleId, Guid? parentKeyResultId = null, DateTimeOffset? createdAt = null) => new(
        Guid.NewGuid(),
        cycleId,
        "Ship the connector platform",
        "Everything links to work",
        ObjectiveLevel.Team,
        "alice",
        "platform",
        Visibility.Team,
        parentKeyResultId,
        1.5,
        createdAt ?? Instant);

    public static KeyResult KeyResult(Guid objectiveId, DateTimeOffset? createdAt = null) => new(
        Guid.NewGuid(),
        objectiveId,
        "Reduce p95 latency",
        "bob",
        KeyResultType.Aspirational,
        0.25,
        MeasureKind.Metric,
        800,
        200,
        640.5,
        "ms",
        createdAt ?? Instant);

    public static ConnectorConfig Connector(string name = "Jira Cloud", DateTimeOffset? createdAt = null) => new(
        Guid.NewGuid(),
        "jira",
        name,
        "https://example.atlassian.net",
        """{"storyPointsField":"customfield_10016"}""",
        "en-GB",
        "0 */15 * * * *",
        true,
        HasCredentials: false,
        HasWebhookSecret: false,
        createdAt ?? Instant);

    public static Link Link(Guid keyResultId, Guid connectorId, string targetKey = "PROJ-12", DateTimeOffset? createdAt = null) => new(
        Guid.NewGuid(),
        keyResultId,
        connectorId,
        "jira-epic",
        targetKey,
        2,
        ProgressModel.StatusWeighted,
        WriteBackMode.Property,
        "Epic: latency",
        "https://example.atlassian.net/browse/" + targetKey,
        createdAt ?? Instant);

    public static CheckIn CheckIn(Guid keyResultId, DateTimeOffset? createdAt = null, int confidence = 7) => new(
        Guid.NewGuid(),
        keyResultId,
        "bob",
        confidence,
        CheckInStatus.AtRisk,
        "Slower than hoped",
        "Waiting on infra",
        "Profile the hot path",
        512.25,
        createdAt ?? Instant);

    public static Account Account(string subject = "alice", Role role = Role.Member, DateTimeOffset? createdAt = null) => new(
        Guid.NewGuid(),
        subject,
        "Alice Example",
        role,
        ["platform", "søk & find"],
        false,
        "pbkdf2$salt$hash",
        false,
        createdAt ?? Instant);

    public static ProgressHistoryEntry History(Guid keyResultId, double? value, string breakdown = """{"done":1}""", DateTimeOffset? at = null) =>
        new(keyResultId, value, breakdown, "sync", at ?? Instant);

    /// <summary>What the database gives back for <paramref name="value"/>: UTC, microseconds.</summary>
    public static DateTimeOffset Stored(DateTimeOffset value) =>
        new(value.UtcTicks - (value.UtcTicks % 10), TimeSpan.Zero);
}
