using System.Text.RegularExpressions;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Links;

public sealed record LinkResponse(
    Guid Id,
    Guid KeyResultId,
    Guid ConnectorId,
    string TargetKind,
    string TargetKey,
    double Weight,
    ProgressModel Model,
    WriteBackMode WriteBack,
    string? TargetTitle,
    string? TargetUrl,
    DateTimeOffset CreatedAt)
{
    public static LinkResponse From(Link l) =>
        new(l.Id, l.KeyResultId, l.ConnectorId, l.TargetKind, l.TargetKey, l.Weight, l.Model, l.WriteBack, l.TargetTitle, l.TargetUrl, l.CreatedAt);
}

/// <summary>
/// targetKind is the connector's name for the kind of target (e.g. "jira-epic", "github-milestone"); targetKey the
/// tracker's own key for it. Weight defaults to 1, model to count, writeBack to comment.
/// </summary>
[RequiredFields("connectorId", "targetKind", "targetKey")]
public sealed partial record CreateLinkRequest(
    Guid? ConnectorId,
    string? TargetKind,
    string? TargetKey,
    double? Weight,
    ProgressModel? Model,
    WriteBackMode? WriteBack)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        errors.Require("connectorId", ConnectorId);
        errors.RequireText("targetKind", TargetKind, TextLimits.Name);
        if (TargetKind is { Length: > 0 } kind && !TargetKindPattern().IsMatch(kind))
        {
            errors.Add("targetKind", $"targetKind must be lower-case letters, digits and dashes, such as \"jira-epic\" (got \"{kind}\").");
        }

        errors.RequireText("targetKey", TargetKey, TextLimits.TargetKey);
        errors.PositiveWeight("weight", Weight);
        return errors;
    }

    // The sync engine describes the target (title, URL) once it has checked it against the tracker.
    public Link ToLink(Guid keyResultId, DateTimeOffset now) => new(
        Guid.NewGuid(),
        keyResultId,
        ConnectorId!.Value,
        TargetKind!,
        TargetKey!.Trim(),
        Weight ?? 1,
        Model ?? ProgressModel.Count,
        WriteBack ?? WriteBackMode.Comment,
        TargetTitle: null,
        TargetUrl: null,
        now);

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex TargetKindPattern();
}

/// <summary>Only the fields present change. A link's connector and target are fixed: link the new target instead.</summary>
public sealed record UpdateLinkRequest(Optional<double?> Weight, Optional<ProgressModel?> Model, Optional<WriteBackMode?> WriteBack)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        foreach (var (field, cleared) in new[] { ("weight", Weight.IsSetToNull), ("model", Model.IsSetToNull), ("writeBack", WriteBack.IsSetToNull) })
        {
            if (cleared)
            {
                errors.Add(field, $"{field} cannot be removed.");
            }
        }

        errors.PositiveWeight("weight", Weight.Value);
        return errors;
    }

    public Link ApplyTo(Link current) => current with
    {
        Weight = Weight.Value ?? current.Weight,
        Model = Model.Value ?? current.Model,
        WriteBack = WriteBack.Value ?? current.WriteBack,
    };
}
