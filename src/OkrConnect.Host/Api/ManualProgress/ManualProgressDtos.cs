using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.ManualProgress;

/// <summary>value is the progress to show (0–1) until the linked work next changes; reason says why it beats the links.</summary>
[RequiredFields("value", "reason")]
public sealed record SetManualProgressRequest(double? Value, string? Reason)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Require("value", Value);
        errors.Finite("value", Value);
        if (Value is < 0 or > 1)
        {
            errors.Add("value", $"value must be between 0 and 1 (got {Value}).");
        }

        errors.RequireText("reason", Reason, TextLimits.LongText);
        return errors;
    }
}

public sealed record ManualProgressResponse(Guid KeyResultId, double Value, string SetBy, DateTimeOffset SetAt, string Reason)
{
    public static ManualProgressResponse From(ManualProgressRecord r) => new(r.KeyResultId, r.Value, r.SetBy, r.SetAt, r.Reason);
}
