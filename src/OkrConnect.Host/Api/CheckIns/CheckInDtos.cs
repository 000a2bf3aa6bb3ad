using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.CheckIns;

public sealed record CheckInResponse(
    Guid Id,
    Guid KeyResultId,
    string Author,
    int Confidence,
    CheckInStatus Status,
    string? Note,
    string? Blockers,
    string? NextSteps,
    double? Value,
    DateTimeOffset CreatedAt)
{
    public static CheckInResponse From(CheckIn c) =>
        new(c.Id, c.KeyResultId, c.Author, c.Confidence, c.Status, c.Note, c.Blockers, c.NextSteps, c.MetricValue, c.CreatedAt);
}

/// <summary>Confidence 1–10 and status are required; value is the new current value of a metric key result.</summary>
[RequiredFields("confidence", "status")]
public sealed record CreateCheckInRequest(
    int? Confidence,
    CheckInStatus? Status,
    string? Note,
    string? Blockers,
    string? NextSteps,
    double? Value)
{
    public const int MinConfidence = 1;
    public const int MaxConfidence = 10;

    public ValidationErrors Validate(KeyResult keyResult)
    {
        var errors = new ValidationErrors();
        errors.Require("confidence", Confidence);
        if (Confidence is < MinConfidence or > MaxConfidence)
        {
            errors.Add("confidence", $"confidence must be between {MinConfidence} and {MaxConfidence} (got {Confidence}).");
        }

        errors.Require("status", Status);
        errors.OptionalText("note", Note, TextLimits.LongText);
        errors.OptionalText("blockers", Blockers, TextLimits.LongText);
        errors.OptionalText("nextSteps", NextSteps, TextLimits.LongText);
        errors.Finite("value", Value);
        if (Value is not null && keyResult.Measure != MeasureKind.Metric)
        {
            errors.Add(
                "value",
                $"value applies only to metric key results; this one is measured by {JsonErrorMessages.WireName(keyResult.Measure)}.");
        }

        return errors;
    }

    public CheckIn ToCheckIn(Guid keyResultId, Caller caller, DateTimeOffset now) =>
        new(Guid.NewGuid(), keyResultId, caller.Subject, Confidence!.Value, Status!.Value, Note, Blockers, NextSteps, Value, now);
}
