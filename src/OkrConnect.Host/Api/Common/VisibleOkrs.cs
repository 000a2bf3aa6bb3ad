using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Api.Common;

/// <summary>A key result together with the objective that decides who may see it.</summary>
public sealed record VisibleKeyResult(KeyResult KeyResult, Objective Objective);

/// <summary>A link together with its key result and the objective that decides who may see it.</summary>
public sealed record VisibleLink(Link Link, KeyResult KeyResult, Objective Objective);

/// <summary>
/// Loads objectives, key results and links the way every endpoint must: anything under an objective the
/// caller cannot see is reported as missing (null), exactly like something that does not exist.
/// </summary>
public sealed class VisibleOkrs(IObjectiveRepository objectives, IKeyResultRepository keyResults, ILinkRepository links)
{
    public async Task<Objective?> FindObjectiveAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var objective = await objectives.GetAsync(id, ct);
        return objective is not null && caller.CanSee(objective) ? objective : null;
    }

    public async Task<VisibleKeyResult?> FindKeyResultAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var keyResult = await keyResults.GetAsync(id, ct);
        if (keyResult is null)
        {
            return null;
        }

        var objective = await FindObjectiveAsync(keyResult.ObjectiveId, caller, ct);
        return objective is null ? null : new VisibleKeyResult(keyResult, objective);
    }

    public async Task<VisibleLink?> FindLinkAsync(Guid id, Caller caller, CancellationToken ct)
    {
        var link = await links.GetAsync(id, ct);
        if (link is null)
        {
            return null;
        }

        var owner = await FindKeyResultAsync(link.KeyResultId, caller, ct);
        return owner is null ? null : new VisibleLink(link, owner.KeyResult, owner.Objective);
    }
}
