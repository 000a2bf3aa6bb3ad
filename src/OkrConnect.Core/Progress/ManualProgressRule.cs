namespace OkrConnect.Core.Progress;

/// <summary>A progress value an owner typed in, and when.</summary>
public sealed record ManualProgress(double Value, DateTimeOffset SetAt, string SetBy);

public enum ProgressSource
{
    Computed,
    Manual,
}

/// <summary>The progress to show for a key result and where it comes from ("manual" is labelled as such).</summary>
public sealed record EffectiveProgress(double? Value, ProgressSource Source);

/// <summary>
/// A manual value on a key result with live links holds only until the next detected change in its linked work
/// (docs/okr-semantics.md, "Manual values and closed cycles").
/// </summary>
public static class ManualProgressRule
{
    /// <param name="linkedWorkChangedAt">When a change in the linked work was last detected (null: never, or no links).</param>
    public static EffectiveProgress Resolve(double? computed, ManualProgress? manual, DateTimeOffset? linkedWorkChangedAt) =>
        manual is not null && !(linkedWorkChangedAt > manual.SetAt)
            ? new EffectiveProgress(Math.Clamp(manual.Value, 0, 1), ProgressSource.Manual)
            : new EffectiveProgress(computed, ProgressSource.Computed);

    /// <summary>
    /// Whether a fresh breakdown shows a change in the linked work against the previous complete one. A partial
    /// fetch never counts as a change: it is not the truth.
    /// </summary>
    public static bool IsWorkChange(ProgressBreakdown? previous, ProgressBreakdown fresh) =>
        !fresh.Partial
        && (previous is null
            || previous.Done != fresh.Done
            || previous.InProgress != fresh.InProgress
            || previous.ToDo != fresh.ToDo
            || previous.Excluded != fresh.Excluded
            || !previous.Numerator.Equals(fresh.Numerator)
            || !previous.Denominator.Equals(fresh.Denominator));
}
