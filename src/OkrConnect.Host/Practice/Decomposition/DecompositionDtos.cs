using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.Objectives;

namespace OkrConnect.Host.Practice.Decomposition;

/// <summary>The objectives to create under a key result; the key result then takes its progress from them.</summary>
public sealed record DecomposeRequest(IReadOnlyList<ChildObjectiveRequest>? Objectives)
{
    public const int MaxObjectives = 50;

    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Objectives is null || Objectives.Count == 0)
        {
            errors.Add("objectives", "objectives must list at least one objective to create.");
            return errors;
        }

        if (Objectives.Count > MaxObjectives)
        {
            errors.Add("objectives", $"At most {MaxObjectives} objectives can be created at once (got {Objectives.Count}).");
        }

        for (var i = 0; i < Objectives.Count; i++)
        {
            if (Objectives[i] is { } child)
            {
                child.Validate(errors, $"objectives[{i}]");
            }
            else
            {
                errors.Add($"objectives[{i}]", $"objectives[{i}] must be an object.");
            }
        }

        return errors;
    }
}

/// <summary>
/// One child objective. Level defaults to team, visibility to public, weight to 1, owner to the team (or the caller
/// when there is no team). A team-visible objective must name its team.
/// </summary>
public sealed record ChildObjectiveRequest(
    string? Title,
    string? Description,
    string? Owner,
    string? Team,
    ObjectiveLevel? Level,
    Visibility? Visibility,
    double? Weight)
{
    public void Validate(ValidationErrors errors, string path)
    {
        errors.RequireText($"{path}.title", Title, TextLimits.Title);
        errors.OptionalText($"{path}.description", Description, TextLimits.LongText);
        errors.OptionalText($"{path}.owner", Owner, TextLimits.Subject);
        errors.OptionalText($"{path}.team", Team, TextLimits.Subject);
        errors.PositiveWeight($"{path}.weight", Weight);
        if (Visibility == Core.Domain.Visibility.Team && string.IsNullOrWhiteSpace(Team))
        {
            errors.Add($"{path}.team", $"{path}: an objective visible to its team only must name the team.");
        }
    }

    public Objective ToObjective(Guid cycleId, Guid parentKeyResultId, Caller caller, DateTimeOffset createdAt)
    {
        var team = Team?.Trim();
        return new Objective(
            Guid.NewGuid(),
            cycleId,
            Title!.Trim(),
            Description,
            Level ?? ObjectiveLevel.Team,
            Owner?.Trim() ?? team ?? caller.Subject,
            team,
            Visibility ?? Core.Domain.Visibility.Public,
            parentKeyResultId,
            Weight ?? 1,
            createdAt);
    }
}

/// <summary>The key result as it is now (measured by its children) and the objectives created.</summary>
public sealed record DecompositionResponse(KeyResultResponse KeyResult, IReadOnlyList<ObjectiveResponse> Objectives);
