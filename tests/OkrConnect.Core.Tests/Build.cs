using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Tests;

/// <summary>Terse builders for domain records; every argument not under test has a neutral default.</summary>
internal static class Build
{
    public static readonly DateTimeOffset T0 = new(2026, 10, 1, 0, 0, 0, TimeSpan.Zero);

    public static WorkItem Done(string id, double? points = null) => new(id, WorkItemClass.Done, points);

    public static WorkItem InProgress(string id, double? points = null) => new(id, WorkItemClass.InProgress, points);

    public static WorkItem ToDo(string id, double? points = null) => new(id, WorkItemClass.ToDo, points);

    public static WorkItem Excluded(string id, string? reason = "Won't Do", double? points = null) =>
        new(id, WorkItemClass.Excluded, points, reason);

    public static IEnumerable<WorkItem> Many(int count, WorkItemClass itemClass, string prefix) =>
        Enumerable.Range(1, count).Select(i => new WorkItem(
            $"{prefix}-{i}", itemClass, ExcludedReason: itemClass == WorkItemClass.Excluded ? "Won't Do" : null));

    public static Link Link(
        double weight = 1,
        ProgressModel model = ProgressModel.Count,
        int createdMinute = 0,
        Guid? connectorId = null,
        string targetKey = "PROJ-1",
        Guid? id = null) =>
        new(id ?? Guid.NewGuid(), Guid.Empty, connectorId ?? Connector, "jira-epic", targetKey, weight, model,
            WriteBackMode.None, null, null, T0.AddMinutes(createdMinute));

    public static readonly Guid Connector = Guid.Parse("00000000-0000-0000-0000-00000000c0c0");

    public static KeyResult KeyResult(
        Guid? objectiveId = null,
        KeyResultType type = KeyResultType.Committed,
        double weight = 1,
        MeasureKind measure = MeasureKind.Work,
        double? start = null,
        double? target = null,
        double? current = null,
        Guid? id = null,
        DateTimeOffset? createdAt = null) =>
        new(id ?? Guid.NewGuid(), objectiveId ?? Guid.NewGuid(), "KR", "owner", type, weight, measure, start, target, current,
            null, createdAt ?? T0);

    public static Objective Objective(Guid? parentKeyResultId = null, double weight = 1, Guid? id = null) =>
        new(id ?? Guid.NewGuid(), Guid.Empty, "Objective", null, ObjectiveLevel.Team, "team-a", "team-a",
            Visibility.Public, parentKeyResultId, weight, T0);

    public static Cycle Cycle(DateOnly start, DateOnly end) => new(Guid.NewGuid(), "2026-Q4", start, end, CycleState.Active, T0);

    public static CheckIn CheckIn(int confidence, DateTimeOffset at) =>
        new(Guid.NewGuid(), Guid.Empty, "owner", confidence, CheckInStatus.OnTrack, null, null, null, null, at);
}
