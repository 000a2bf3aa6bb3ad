using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// Write-back mode "field": sets the configured Projects v2 number field on the parent issue's item in that project,
/// only when the stored value differs. One GraphQL query reads the item, the field and the current value together;
/// the mutation goes through the token's mutation pacer like any other write.
/// The issue must already be in the project: adding it is a planning decision the connector does not make.
/// </summary>
internal static class GitHubProjectFieldWriteBack
{
    public static async Task<WriteBackResult> EnsureAsync(
        GitHubSession session, IssueTarget target, WriteBackRequest request, GitHubCallScope scope, CancellationToken ct)
    {
        if (session.Settings.ProjectField is not { } field)
        {
            return new WriteBackResult(request.KnownRemoteId, 0, false, "no projectField is configured for this connector, so field write-back has nowhere to write");
        }

        if (request.Content.Progress is not { } progress)
        {
            return new WriteBackResult(request.KnownRemoteId, 0, false, "there is no progress to write yet (no countable work)");
        }

        var call = await session.CallForAsync(target.Repository, scope, ct);
        var items = await session.Api.GetProjectItemsAsync(call, target.Repository, target.Number, field.FieldName, ct);
        var item = items.FirstOrDefault(i =>
            i.Project.Number == field.ProjectNumber && string.Equals(i.Project.Owner?.Login, field.Owner, StringComparison.OrdinalIgnoreCase));
        if (item is null)
        {
            return new WriteBackResult(null, scope.ApiCalls, false, $"{target.ExternalId} is not in project {field.Owner}/{field.ProjectNumber}; add it there to receive progress");
        }

        if (item.Project.Field is not { Id: { } fieldId, DataType: "NUMBER" })
        {
            throw new TrackerException(
                TrackerErrorCategory.InvalidRequest,
                $"project {field.Owner}/{field.ProjectNumber} has no field of type Number named \"{field.FieldName}\"");
        }

        var value = field.ValueFor(progress);
        if (item.FieldValueByName?.Number is { } current && Math.Abs(current - value) < 1e-9)
        {
            return new WriteBackResult(item.Id, scope.ApiCalls, false, PendingWrites: call.Lane.Pacer.Pending);
        }

        await session.Api.SetProjectNumberFieldAsync(call, item.Project.Id, item.Id, fieldId, value, ct);
        return new WriteBackResult(item.Id, scope.ApiCalls, true, PendingWrites: call.Lane.Pacer.Pending);
    }
}
