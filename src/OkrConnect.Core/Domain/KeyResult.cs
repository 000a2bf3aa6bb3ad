namespace OkrConnect.Core.Domain;

/// <summary>
/// A key result of an objective. For <see cref="MeasureKind.Metric"/> the Metric* values describe the
/// number moving from start to target (up or down); the current value comes from check-ins.
/// </summary>
public sealed record KeyResult(
    Guid Id,
    Guid ObjectiveId,
    string Title,
    string Owner,
    KeyResultType Type,
    double Weight,
    MeasureKind Measure,
    double? MetricStart,
    double? MetricTarget,
    double? MetricCurrent,
    string? Unit,
    DateTimeOffset CreatedAt);

/// <summary>Committed must be delivered (expected 1.0); aspirational is a stretch (~0.7 is a success) and counts as a "plus".</summary>
public enum KeyResultType
{
    Committed,
    Aspirational,
}

public enum MeasureKind
{
    /// <summary>Progress comes from linked tracker work.</summary>
    Work,

    /// <summary>A number moving from a start value to a target value.</summary>
    Metric,

    /// <summary>Progress rolls up from the objectives aligned to this key result.</summary>
    Children,
}
