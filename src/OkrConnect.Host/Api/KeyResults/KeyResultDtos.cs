using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.KeyResults;

public sealed record KeyResultResponse(
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
    DateTimeOffset CreatedAt)
{
    public static KeyResultResponse From(KeyResult k) =>
        new(k.Id, k.ObjectiveId, k.Title, k.Owner, k.Type, k.Weight, k.Measure, k.MetricStart, k.MetricTarget, k.MetricCurrent, k.Unit, k.CreatedAt);
}

/// <summary>
/// Owner defaults to the caller, type to committed, weight to 1, measure to work. Metric key results need
/// metricStart and metricTarget (equal values are allowed: progress is then 1 at the target, else 0);
/// metricCurrent is optional (no value yet = no progress yet) and later comes from check-ins.
/// </summary>
[RequiredFields("title")]
public sealed record CreateKeyResultRequest(
    string? Title,
    string? Owner,
    KeyResultType? Type,
    double? Weight,
    MeasureKind? Measure,
    double? MetricStart,
    double? MetricTarget,
    double? MetricCurrent,
    string? Unit)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequireText("title", Title, TextLimits.Title);
        errors.OptionalText("owner", Owner, TextLimits.Subject);
        errors.PositiveWeight("weight", Weight);
        KeyResultRules.CheckMetric(errors, Measure ?? MeasureKind.Work, MetricStart, MetricTarget, MetricCurrent, Unit, metricFieldsSent: true);
        return errors;
    }

    public KeyResult ToKeyResult(Guid objectiveId, Caller caller, DateTimeOffset now) => new(
        Guid.NewGuid(),
        objectiveId,
        Title!.Trim(),
        Owner?.Trim() ?? caller.Subject,
        Type ?? KeyResultType.Committed,
        Weight ?? 1,
        Measure ?? MeasureKind.Work,
        MetricStart,
        MetricTarget,
        MetricCurrent,
        Unit?.Trim(),
        now);
}

/// <summary>
/// Only the fields present change. Moving away from the metric measure drops the metric values; moving away from
/// work is refused while the key result still has links.
/// </summary>
public sealed record UpdateKeyResultRequest(
    Optional<string?> Title,
    Optional<string?> Owner,
    Optional<KeyResultType?> Type,
    Optional<double?> Weight,
    Optional<MeasureKind?> Measure,
    Optional<double?> MetricStart,
    Optional<double?> MetricTarget,
    Optional<double?> MetricCurrent,
    Optional<string?> Unit)
{
    public ValidationErrors Validate(KeyResult current, int linkCount)
    {
        var errors = new ValidationErrors();
        if (Title.IsSet)
        {
            errors.RequireText("title", Title.Value, TextLimits.Title);
        }

        if (Owner.IsSet)
        {
            errors.RequireText("owner", Owner.Value, TextLimits.Subject);
        }

        foreach (var (field, cleared) in new[] { ("type", Type.IsSetToNull), ("weight", Weight.IsSetToNull), ("measure", Measure.IsSetToNull) })
        {
            if (cleared)
            {
                errors.Add(field, $"{field} cannot be removed.");
            }
        }

        errors.PositiveWeight("weight", Weight.Value);
        var measure = Measure.Value ?? current.Measure;
        if (measure != MeasureKind.Work && current.Measure == MeasureKind.Work && linkCount > 0)
        {
            errors.Add("measure", $"This key result has {linkCount} link(s); delete them before changing its measure to {JsonErrorMessages.WireName(measure)}.");
        }

        var next = ApplyTo(current);
        var metricFieldsSent = MetricStart.IsSet || MetricTarget.IsSet || MetricCurrent.IsSet || Unit.IsSet;
        KeyResultRules.CheckMetric(
            errors,
            measure,
            measure == MeasureKind.Metric ? next.MetricStart : MetricStart.Value,
            measure == MeasureKind.Metric ? next.MetricTarget : MetricTarget.Value,
            measure == MeasureKind.Metric ? next.MetricCurrent : MetricCurrent.Value,
            measure == MeasureKind.Metric ? next.Unit : Unit.Value,
            metricFieldsSent);
        return errors;
    }

    public KeyResult ApplyTo(KeyResult current)
    {
        var measure = Measure.Value ?? current.Measure;
        var metric = measure == MeasureKind.Metric;
        return current with
        {
            Title = Title.Value?.Trim() ?? current.Title,
            Owner = Owner.Value?.Trim() ?? current.Owner,
            Type = Type.Value ?? current.Type,
            Weight = Weight.Value ?? current.Weight,
            Measure = measure,
            MetricStart = metric ? MetricStart.Or(current.MetricStart) : null,
            MetricTarget = metric ? MetricTarget.Or(current.MetricTarget) : null,
            MetricCurrent = metric ? MetricCurrent.Or(current.MetricCurrent) : null,
            Unit = metric ? (Unit.IsSet ? Unit.Value?.Trim() : current.Unit) : null,
        };
    }
}

internal static class KeyResultRules
{
    public static void CheckMetric(
        ValidationErrors errors, MeasureKind measure, double? start, double? target, double? current, string? unit, bool metricFieldsSent)
    {
        if (measure == MeasureKind.Metric)
        {
            if (start is null)
            {
                errors.Add("metricStart", "A metric key result needs metricStart, the value it starts from.");
            }

            if (target is null)
            {
                errors.Add("metricTarget", "A metric key result needs metricTarget, the value it aims for.");
            }

            errors.Finite("metricStart", start);
            errors.Finite("metricTarget", target);
            errors.Finite("metricCurrent", current);
            errors.OptionalText("unit", unit, TextLimits.Name);
            return;
        }

        if (!metricFieldsSent)
        {
            return;
        }

        var kind = JsonErrorMessages.WireName(measure);
        foreach (var (field, present) in new[]
        {
            ("metricStart", start is not null), ("metricTarget", target is not null),
            ("metricCurrent", current is not null), ("unit", unit is not null),
        })
        {
            if (present)
            {
                errors.Add(field, $"{field} applies only to metric key results; this one's measure is {kind}.");
            }
        }
    }
}
