namespace OkrConnect.Core.Domain;

/// <summary>An issue pulled from a tracker, reduced to what progress needs.</summary>
public sealed record WorkItem(
    string ExternalId,
    WorkItemClass Class,
    double? Points = null,
    string? ExcludedReason = null,
    string? ParentExternalId = null,
    bool IsSubtask = false,
    string? Title = null);

/// <summary>Every work item falls into exactly one class (see docs/okr-semantics.md).</summary>
public enum WorkItemClass
{
    ToDo,
    InProgress,
    Done,

    /// <summary>Closed without being done; counts in neither numerator nor denominator.</summary>
    Excluded,
}
