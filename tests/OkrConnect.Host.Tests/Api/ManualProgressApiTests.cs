using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Host.Api.Cycles;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.ManualProgress;
using OkrConnect.Host.Api.Map;
using OkrConnect.Host.Api.Objectives;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>
/// Manual progress through the API, over link progress stored directly (links on a kind with no installed tracker, so
/// nothing syncs here; Sync.Tests covers what a sync does to a manual value).
/// </summary>
public sealed class ManualProgressApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private static readonly DateTimeOffset ComputedAt = new(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);

    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice", "web");
    private readonly HttpClient _owner = factory.CreateClientFor(Role.Member, "olga", "web");
    private readonly HttpClient _otherMember = factory.CreateClientFor(Role.Member, "wes", "web");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice", "web"));

    [Fact]
    public async Task A_manual_value_replaces_the_computed_one_everywhere_labelled_manual_until_cleared()
    {
        var (cycle, objective, keyResult) = await WorkKeyResultAtHalfAsync();

        var set = await (await _owner.PutJsonAsync($"/api/key-results/{keyResult.Id}/manual-progress", new { value = 0.8, reason = "Vendor shipped the SDK" }))
            .ReadAsync<ManualProgressResponse>();

        Assert.Equal((0.8, "olga", "Vendor shipped the SDK"), (set.Value, set.SetBy, set.Reason));
        var progress = await KeyResultProgressAsync(keyResult.Id);
        Assert.Equal((0.8, ProgressSource.Manual), (progress.Value, progress.Source));
        Assert.Equal(new ManualProgressPart(0.8, "olga", set.SetAt, "Vendor shipped the SDK", 0.5), progress.Manual);

        var objectiveProgress = await (await _manager.GetAsync($"/api/objectives/{objective.Id}/progress")).ReadAsync<ObjectiveProgressResponse>();
        Assert.Equal(0.8, objectiveProgress.Value);
        Assert.Equal(ProgressSource.Manual, Assert.Single(objectiveProgress.KeyResults).Source);

        var map = await (await _manager.GetAsync($"/api/cycles/{cycle.Id}/map")).ReadAsync<CycleMapResponse>();
        var mapped = Assert.Single(Assert.Single(map.Objectives).KeyResults);
        Assert.Equal((0.8, ProgressSource.Manual), (mapped.Progress, mapped.Source));

        var history = await (await _manager.GetAsync($"/api/key-results/{keyResult.Id}/progress/history")).ReadAsync<ProgressHistoryResponse>();
        Assert.Equal((0.8, "manual"), (history.Items[^1].Value, history.Items[^1].Source));

        Assert.Equal(HttpStatusCode.NoContent, (await _owner.DeleteAsync($"/api/key-results/{keyResult.Id}/manual-progress")).StatusCode);
        var cleared = await KeyResultProgressAsync(keyResult.Id);
        Assert.Equal((0.5, ProgressSource.Computed, (ManualProgressPart?)null), (cleared.Value, cleared.Source, cleared.Manual));
        history = await (await _manager.GetAsync($"/api/key-results/{keyResult.Id}/progress/history")).ReadAsync<ProgressHistoryResponse>();
        Assert.Equal((0.5, "manual"), (history.Items[^1].Value, history.Items[^1].Source));
    }

    [Fact]
    public async Task Only_the_owner_or_a_manager_sets_it_with_a_value_from_0_to_1_and_a_reason()
    {
        var (_, _, keyResult) = await WorkKeyResultAtHalfAsync();
        var url = $"/api/key-results/{keyResult.Id}/manual-progress";

        await (await _otherMember.PutJsonAsync(url, new { value = 0.8, reason = "x" })).ReadProblemAsync(HttpStatusCode.Forbidden);
        await (await _otherMember.DeleteAsync(url)).ReadProblemAsync(HttpStatusCode.Forbidden);
        var invalid = await (await _owner.PutJsonAsync(url, new { value = 1.5 })).ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await _manager.PutJsonAsync(url, new { value = 1, reason = "Done outside the tracker" })).ReadAsync<ManualProgressResponse>();

        Assert.Single(invalid.Errors("value"));
        Assert.Single(invalid.Errors("reason"));
        Assert.Equal(1, (await KeyResultProgressAsync(keyResult.Id)).Value);
    }

    [Fact]
    public async Task Metric_key_results_and_closed_cycles_take_no_manual_value()
    {
        var cycle = await _seed.CycleAsync();
        var objective = await _seed.ObjectiveAsync(cycle.Id);
        var metric = await _seed.MetricAsync(objective.Id, 40, owner: "olga");
        var work = await _seed.KeyResultAsync(objective.Id, owner: "olga");

        var onMetric = await (await _owner.PutJsonAsync($"/api/key-results/{metric.Id}/manual-progress", new { value = 0.8, reason = "x" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await _manager.PatchJsonAsync($"/api/cycles/{cycle.Id}", new { state = "closed" })).ReadAsync<object>();
        var closed = await (await _owner.PutJsonAsync($"/api/key-results/{work.Id}/manual-progress", new { value = 0.8, reason = "x" }))
            .ReadProblemAsync(HttpStatusCode.Conflict);
        await (await _owner.DeleteAsync($"/api/key-results/{work.Id}/manual-progress")).ReadProblemAsync(HttpStatusCode.Conflict);

        Assert.Contains("Only work key results take a manual progress value", Assert.Single(onMetric.Errors("keyResultId")), StringComparison.Ordinal);
        Assert.Contains("is closed", closed.Detail(), StringComparison.Ordinal);
        Assert.Equal(0.4, (await KeyResultProgressAsync(metric.Id)).Value);
    }

    [Fact]
    public async Task A_check_in_with_a_value_on_a_work_key_result_is_refused_and_never_overrides_computed_progress()
    {
        var (_, _, keyResult) = await WorkKeyResultAtHalfAsync();

        var problem = await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 7, status = "on-track", value = 90 }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 7, status = "on-track" }))
            .ReadAsync<object>(HttpStatusCode.Created);

        Assert.Single(problem.Errors("value"));
        var progress = await KeyResultProgressAsync(keyResult.Id);
        Assert.Equal((0.5, ProgressSource.Computed), (progress.Value, progress.Source));
        Assert.Null((await factory.Services.GetRequiredService<IKeyResultRepository>().GetAsync(keyResult.Id))!.MetricCurrent);
    }

    /// <summary>A cycle, an objective and a work key result owned by olga whose only link stands at 0.5.</summary>
    private async Task<(CycleResponse Cycle, ObjectiveResponse Objective, KeyResultResponse KeyResult)> WorkKeyResultAtHalfAsync()
    {
        var connector = await new OkrSeed(factory.CreateClientFor(Role.Admin, "ada")).UninstalledConnectorAsync();
        var cycle = await _seed.CycleAsync();
        var objective = await _seed.ObjectiveAsync(cycle.Id, team: "web");
        var keyResult = await _seed.KeyResultAsync(objective.Id, owner: "olga");
        var link = await _seed.LinkAsync(keyResult.Id, connector.Id);
        await factory.Services.GetRequiredService<IProgressRepository>().UpsertLinkProgressAsync(
            new LinkProgressRecord(link.Id, 0.5, """{"numerator":1,"denominator":2}""", ComputedAt, ComputedAt, false, null));
        return (cycle, objective, keyResult);
    }

    private async Task<KeyResultProgressResponse> KeyResultProgressAsync(Guid id) =>
        await (await _manager.GetAsync($"/api/key-results/{id}/progress")).ReadAsync<KeyResultProgressResponse>();
}
