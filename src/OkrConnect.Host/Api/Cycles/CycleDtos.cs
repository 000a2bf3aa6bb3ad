using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Cycles;

public sealed record CycleResponse(
    Guid Id,
    string Name,
    DateOnly StartDate,
    DateOnly EndDate,
    CycleState State,
    DateTimeOffset CreatedAt,
    DateTimeOffset? ClosedAt)
{
    public static CycleResponse From(Cycle cycle) =>
        new(cycle.Id, cycle.Name, cycle.StartDate, cycle.EndDate, cycle.State, cycle.CreatedAt, cycle.ClosedAt);
}

/// <summary>A new cycle starts in planning unless it is created active; it cannot be created closed.</summary>
[RequiredFields("name", "startDate", "endDate")]
public sealed record CreateCycleRequest(string? Name, DateOnly? StartDate, DateOnly? EndDate, CycleState? State)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.RequireText("name", Name, TextLimits.Name);
        errors.Require("startDate", StartDate);
        errors.Require("endDate", EndDate);
        CycleRules.CheckDates(errors, StartDate, EndDate);
        if (State == CycleState.Closed)
        {
            errors.Add("state", "A cycle cannot be created closed; create it as planning or active.");
        }

        return errors;
    }

    public Cycle ToCycle(DateTimeOffset now) =>
        new(Guid.NewGuid(), Name!.Trim(), StartDate!.Value, EndDate!.Value, State ?? CycleState.Planning, now);
}

/// <summary>Only the fields present change. State moves forward only: planning → active → closed.</summary>
public sealed record UpdateCycleRequest(
    Optional<string?> Name,
    Optional<DateOnly?> StartDate,
    Optional<DateOnly?> EndDate,
    Optional<CycleState?> State)
{
    public ValidationErrors Validate(Cycle current)
    {
        var errors = new ValidationErrors();
        if (Name.IsSet)
        {
            errors.RequireText("name", Name.Value, TextLimits.Name);
        }

        if (StartDate.IsSetToNull)
        {
            errors.Add("startDate", "startDate cannot be removed.");
        }

        if (EndDate.IsSetToNull)
        {
            errors.Add("endDate", "endDate cannot be removed.");
        }

        CycleRules.CheckDates(errors, StartDate.Or(current.StartDate), EndDate.Or(current.EndDate));
        if (State.IsSetToNull)
        {
            errors.Add("state", "state cannot be removed.");
        }
        else if (State.Value is { } next && next < current.State)
        {
            errors.Add(
                "state",
                $"A cycle's state only moves forward (planning → active → closed); this one is {JsonErrorMessages.WireName(current.State)}.");
        }

        return errors;
    }

    /// <remarks>Closing itself (closedAt, scores) is done by the cycle closing, not here.</remarks>
    public Cycle ApplyTo(Cycle current) => current with
    {
        Name = Name.IsSet ? Name.Value!.Trim() : current.Name,
        StartDate = StartDate.Value ?? current.StartDate,
        EndDate = EndDate.Value ?? current.EndDate,
        State = State.Value ?? current.State,
    };
}

internal static class CycleRules
{
    public static void CheckDates(ValidationErrors errors, DateOnly? start, DateOnly? end)
    {
        if (start is { } s && end is { } e && e < s)
        {
            errors.Add("endDate", $"endDate ({e:yyyy-MM-dd}) must not be before startDate ({s:yyyy-MM-dd}).");
        }
    }
}
