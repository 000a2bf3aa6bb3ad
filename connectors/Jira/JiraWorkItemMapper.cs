using System.Globalization;
using System.Text.Json;
using OkrConnect.Connectors.Jira.Payloads;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Turns a Jira issue into a Core work item. Classification reads only the stable keys
/// (<c>statusCategory.key</c>, the resolution name against a configured list), never localised status names.
/// </summary>
internal sealed class JiraWorkItemMapper(JiraSettings settings, IReadOnlyList<string> storyPointFieldIds)
{
    private readonly HashSet<string> _notDone = new(settings.NotDoneResolutions, StringComparer.OrdinalIgnoreCase);

    /// <summary>
    /// The status category decides; the resolution only splits "done" into done and excluded.
    /// A to-do status with a "Done" resolution stays to do (the category wins when the two disagree).
    /// </summary>
    public (WorkItemClass Class, string? ExcludedReason) Classify(string? statusCategoryKey, string? resolutionName) =>
        statusCategoryKey?.ToLowerInvariant() switch
        {
            "done" when resolutionName is not null && _notDone.Contains(resolutionName.Trim()) =>
                (WorkItemClass.Excluded, $"closed as \"{resolutionName}\""),
            "done" => (WorkItemClass.Done, null),
            "indeterminate" when settings.InProgressAs == JiraInProgressHandling.InProgress => (WorkItemClass.InProgress, null),
            _ => (WorkItemClass.ToDo, null),
        };

    /// <summary>Null when the issue should not be a work item at all (a dropped sub-task).</summary>
    public WorkItem? Map(JiraIssue issue)
    {
        var fields = issue.Fields;
        var isSubtask = fields?.Issuetype?.Subtask ?? false;
        if (isSubtask && !settings.CountSubtasks)
        {
            return null;
        }

        var (cls, reason) = Classify(fields?.Status?.StatusCategory?.Key, fields?.Resolution?.Name);
        return new WorkItem(
            ExternalId: issue.Key,
            Class: cls,
            Points: StoryPoints(fields),
            ExcludedReason: reason,
            ParentExternalId: fields?.Parent?.Key,
            IsSubtask: isSubtask,
            Title: fields?.Summary);
    }

    /// <summary>The first story-point field holding a number: team- and company-managed projects use different fields.</summary>
    private double? StoryPoints(JiraIssueFields? fields)
    {
        if (fields?.CustomFields is null)
        {
            return null;
        }

        foreach (var id in storyPointFieldIds)
        {
            if (fields.CustomFields.TryGetValue(id, out var value))
            {
                switch (value.ValueKind)
                {
                    case JsonValueKind.Number:
                        return value.GetDouble();
                    case JsonValueKind.String when double.TryParse(value.GetString(), NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed):
                        return parsed;
                }
            }
        }

        return null;
    }

    /// <summary>The epic an issue belongs to: Cloud's <c>parent</c>, or Data Center's Epic Link field.</summary>
    public static string? EpicKeyOf(JiraIssue issue, string? epicLinkFieldId)
    {
        var fields = issue.Fields;
        if (epicLinkFieldId is not null
            && fields?.CustomFields is not null
            && fields.CustomFields.TryGetValue(epicLinkFieldId, out var link)
            && link.ValueKind == JsonValueKind.String)
        {
            return link.GetString();
        }

        // A sub-task's parent is its story, not an epic.
        return fields?.Issuetype?.Subtask == true ? null : fields?.Parent?.Key;
    }
}
