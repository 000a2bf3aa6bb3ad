using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Classification;

/// <summary>The class of one tracker issue and, when excluded, why (e.g. "Won't Do", "not planned").</summary>
public sealed record ItemClassification(WorkItemClass Class, string? ExcludedReason = null)
{
    public static ItemClassification ToDo { get; } = new(WorkItemClass.ToDo);

    public static ItemClassification InProgress { get; } = new(WorkItemClass.InProgress);

    public static ItemClassification Done { get; } = new(WorkItemClass.Done);

    public static ItemClassification Excluded(string reason) => new(WorkItemClass.Excluded, reason);
}
