using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Host.Api.Common;
using OkrConnect.Host.Security;
using OkrConnect.Sync.Engine;

namespace OkrConnect.Host.Sync;

/// <summary>A key result's sync: refresh it now (its owner, managers and admins), and read its sync state.</summary>
public static class KeyResultSyncApi
{
    public static IEndpointRouteBuilder MapKeyResultSyncApi(this IEndpointRouteBuilder api)
    {
        var keyResults = api.MapGroup("/key-results/{id:guid}").WithTags("Sync");
        keyResults.MapPost("/refresh", RefreshKeyResult).WithName("RefreshKeyResult");
        keyResults.MapGet("/sync-status", GetKeyResultSyncStatus).WithName("GetKeyResultSyncStatus");
        return api;
    }

    public static async Task<Results<Ok<KeyResultRefreshResponse>, Accepted<KeyResultRefreshResponse>, ProblemHttpResult>> RefreshKeyResult(
        Guid id, ClaimsPrincipal user, VisibleOkrs visible, KeyResultRefresher refresher, CancellationToken ct)
    {
        var caller = user.ToCaller();
        var found = await visible.FindKeyResultAsync(id, caller, ct);
        if (found is null)
        {
            return Problems.NotFound("Key result", id);
        }

        if (!IsOwner(caller, found.KeyResult) && !caller.IsAtLeast(Role.Manager))
        {
            return Problems.Forbidden($"Only the owner of key result {id}, managers and admins may refresh it.");
        }

        var refresh = await refresher.RefreshAsync(found.KeyResult, ct);
        if (refresh.Frozen)
        {
            return Problems.Conflict($"Key result {id} belongs to a closed cycle: it is frozen and never synced again.");
        }

        var response = new KeyResultRefreshResponse(id, refresh.Runs.Select(SyncRunResponse.From).ToList(), refresh.QueuedConnectors);
        return refresh.QueuedConnectors.Count > 0 ? TypedResults.Accepted((string?)null, response) : TypedResults.Ok(response);
    }

    public static async Task<Results<Ok<KeyResultSyncStatus>, ProblemHttpResult>> GetKeyResultSyncStatus(
        Guid id,
        ClaimsPrincipal user,
        VisibleOkrs visible,
        ILinkRepository links,
        IProgressRepository progress,
        IWriteBackRepository writeBacks,
        CancellationToken ct)
    {
        if (await visible.FindKeyResultAsync(id, user.ToCaller(), ct) is null)
        {
            return Problems.NotFound("Key result", id);
        }

        var all = await links.ListByKeyResultAsync(id, ct);
        var ids = all.Select(l => l.Id).ToList();
        var records = (await progress.ListLinkProgressAsync(ids, ct)).ToDictionary(r => r.LinkId);
        var writes = await writeBacks.ListAsync(ids, ct);

        var statuses = all.Select(link =>
        {
            var record = records.GetValueOrDefault(link.Id);
            var write = writes.GetValueOrDefault(link.Id);
            return new LinkSyncStatus(
                link.Id, link.ConnectorId, link.TargetKind, link.TargetKey, record?.Value, record?.LastSyncedAt,
                record?.Stale ?? false, record?.LastError, write?.RemoteId, write?.WrittenAt, write?.LastError);
        }).ToList();

        // A key result is as fresh as its least fresh link; a link never synced makes it "never".
        DateTimeOffset? lastSynced = statuses.Count == 0 || statuses.Exists(s => s.LastSyncedAt is null)
            ? null
            : statuses.Min(s => s.LastSyncedAt);
        return TypedResults.Ok(new KeyResultSyncStatus(
            id, lastSynced, statuses.Exists(s => s.Stale), statuses.FirstOrDefault(s => s.LastError is not null)?.LastError, statuses));
    }

    // The owner is a person's subject or a team name: a member of the owning team owns it too.
    private static bool IsOwner(Caller caller, KeyResult keyResult) =>
        string.Equals(caller.Subject, keyResult.Owner, StringComparison.Ordinal) || caller.Teams.Contains(keyResult.Owner);
}
