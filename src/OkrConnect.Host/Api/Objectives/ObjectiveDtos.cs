using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Objectives;

public sealed record ObjectiveResponse(
    Guid Id,
    Guid CycleId,
    string Title,
    string? Description,
    ObjectiveLevel Level,
    string Owner,
    string? Team,
    Visibility Visibility,
    Guid? ParentKeyResultId,
    double Weight,
    DateTimeOffset CreatedAt)
{
    public static ObjectiveResponse From(Objective o) =>
        new(o.Id, o.CycleId, o.Title, o.Description, o.Level, o.Owner, o.Team, o.Visibility, o.ParentKeyResultId, o.Weight, o.CreatedAt);
}

/// <summary>Owner defaults to the caller, visibility to public, weight to 1.</summary>
[RequiredFields("cycleId", "title", "level")]
public sealed record CreateObjectiveRequest(
    Guid? CycleId,
    string? Title,
    string? Description,
    ObjectiveLevel? Level,
    string? Owner,
    string? Team,
    Visibility? Visibility,
    Guid? ParentKeyResultId,
    double? Weight)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Require("cycleId", CycleId);
        errors.RequireText("title", Title, TextLimits.Title);
        errors.OptionalText("description", Description, TextLimits.LongText);
        errors.Require("level", Level);
        errors.OptionalText("owner", Owner, TextLimits.Subject);
        errors.OptionalText("team", Team, TextLimits.Subject);
        errors.PositiveWeight("weight", Weight);
        ObjectiveRules.CheckTeamVisibility(errors, Visibility ?? Core.Domain.Visibility.Public, Team);
        return errors;
    }

    public Objective ToObjective(Caller caller, DateTimeOffset now) => new(
        Guid.NewGuid(),
        CycleId!.Value,
        Title!.Trim(),
        Description,
        Level!.Value,
        Owner?.Trim() ?? caller.Subject,
        Team?.Trim(),
        Visibility ?? Core.Domain.Visibility.Public,
        ParentKeyResultId,
        Weight ?? 1,
        now);
}

/// <summary>Only the fields present change; null clears description, team and parentKeyResultId.</summary>
public sealed record UpdateObjectiveRequest(
    Optional<string?> Title,
    Optional<string?> Description,
    Optional<ObjectiveLevel?> Level,
    Optional<string?> Owner,
    Optional<string?> Team,
    Optional<Visibility?> Visibility,
    Optional<Guid?> ParentKeyResultId,
    Optional<double?> Weight)
{
    public ValidationErrors Validate(Objective current)
    {
        var errors = new ValidationErrors();
        if (Title.IsSet)
        {
            errors.RequireText("title", Title.Value, TextLimits.Title);
        }

        errors.OptionalText("description", Description.Value, TextLimits.LongText);
        if (Owner.IsSet)
        {
            errors.RequireText("owner", Owner.Value, TextLimits.Subject);
        }

        errors.OptionalText("team", Team.Value, TextLimits.Subject);
        if (Level.IsSetToNull)
        {
            errors.Add("level", "level cannot be removed.");
        }

        if (Visibility.IsSetToNull)
        {
            errors.Add("visibility", "visibility cannot be removed; use public.");
        }

        if (Weight.IsSetToNull)
        {
            errors.Add("weight", "weight cannot be removed.");
        }

        errors.PositiveWeight("weight", Weight.Value);
        var next = ApplyTo(current);
        ObjectiveRules.CheckTeamVisibility(errors, next.Visibility, next.Team);
        return errors;
    }

    public Objective ApplyTo(Objective current) => current with
    {
        Title = Title.Value?.Trim() ?? current.Title,
        Description = Description.Or(current.Description),
        Level = Level.Value ?? current.Level,
        Owner = Owner.Value?.Trim() ?? current.Owner,
        Team = Team.IsSet ? Team.Value?.Trim() : current.Team,
        Visibility = Visibility.Value ?? current.Visibility,
        ParentKeyResultId = ParentKeyResultId.Or(current.ParentKeyResultId),
        Weight = Weight.Value ?? current.Weight,
    };
}

internal static class ObjectiveRules
{
    public static void CheckTeamVisibility(ValidationErrors errors, Visibility visibility, string? team)
    {
        if (visibility == Visibility.Team && string.IsNullOrWhiteSpace(team))
        {
            errors.Add("team", "An objective visible to its team only must name the team.");
        }
    }
}
