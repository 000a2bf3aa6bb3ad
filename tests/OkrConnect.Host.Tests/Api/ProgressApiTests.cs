using System.Net;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class ProgressApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice", "web");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice", "web"));

    [Fact]
    public async Task An_objective_is_the_weighted_mean_of_its_committed_key_results_with_aspirational_as_plus()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var low = await _seed.MetricAsync(objective.Id, 40);
        var high = await _seed.MetricAsync(objective.Id, 80, weight: 3);
        var stretch = await _seed.MetricAsync(objective.Id, 50, KeyResultType.Aspirational);

        var progress = await ObjectiveProgressAsync(objective.Id);

        Assert.Equal(0.7, progress.Value!.Value, 10);
        Assert.Equal(0.5, progress.Plus);
        Assert.Equal(ObjectiveProgressBasis.Committed, progress.Basis);
        Assert.Equal(
            [(low.Id, 0.4, true), (high.Id, 0.8, true), (stretch.Id, 0.5, false)],
            progress.KeyResults.Select(k => (k.KeyResultId, k.Value!.Value, k.CountsInValue)));
    }

    [Fact]
    public async Task An_objective_with_only_aspirational_key_results_uses_them()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        await _seed.MetricAsync(objective.Id, 30, KeyResultType.Aspirational);

        var progress = await ObjectiveProgressAsync(objective.Id);

        Assert.Equal((0.3, (double?)null, ObjectiveProgressBasis.AspirationalOnly), (progress.Value!.Value, progress.Plus, progress.Basis));
    }

    [Fact]
    public async Task A_work_key_result_is_the_weighted_mean_of_its_links_stored_progress()
    {
        var connector = await new OkrSeed(factory.CreateClientFor(Role.Admin, "ada")).UninstalledConnectorAsync();
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var keyResult = await _seed.KeyResultAsync(objective.Id);
        var half = await _seed.LinkAsync(keyResult.Id, connector.Id, "PROJ-1");
        var done = await _seed.LinkAsync(keyResult.Id, connector.Id, "PROJ-2", weight: 3);
        var unsynced = await _seed.LinkAsync(keyResult.Id, connector.Id, "PROJ-3");
        var before = await KeyResultProgressAsync(keyResult.Id);

        var progress = factory.Services.GetRequiredService<IProgressRepository>();
        var computedAt = new DateTimeOffset(2026, 1, 5, 10, 0, 0, TimeSpan.Zero);
        await progress.UpsertLinkProgressAsync(new LinkProgressRecord(half.Id, 0.5, """{"numerator":1,"denominator":2}""", computedAt, computedAt, false, null));
        await progress.UpsertLinkProgressAsync(new LinkProgressRecord(done.Id, 1, """{"numerator":4,"denominator":4}""", computedAt.AddHours(1), computedAt, true, "rate limited"));

        var after = await KeyResultProgressAsync(keyResult.Id);

        Assert.Null(before.Value);
        Assert.Equal(0.875, after.Value);
        Assert.Equal(computedAt.AddHours(1), after.LastUpdated);
        var links = after.Breakdown.Links!.ToDictionary(l => l.LinkId);
        Assert.Equal(2, links[half.Id].Detail!.Value.GetProperty("denominator").GetInt32());
        Assert.Equal((true, "rate limited"), (links[done.Id].Stale, links[done.Id].LastError));
        Assert.Null(links[unsynced.Id].Value);
        Assert.Null(after.Breakdown.Metric);
    }

    [Fact]
    public async Task A_children_key_result_rolls_up_its_aligned_objectives_and_counts_hidden_ones_without_naming_them()
    {
        var cycle = await _seed.CycleAsync();
        var top = await _seed.ObjectiveAsync(cycle.Id, "Company");
        var parent = await _seed.KeyResultAsync(top.Id, measure: MeasureKind.Children);
        var web = await _seed.ObjectiveAsync(cycle.Id, "Web", parentKeyResultId: parent.Id);
        await _seed.MetricAsync(web.Id, 20);
        var secret = await _seed.ObjectiveAsync(cycle.Id, "Secret", Visibility.Private, owner: "alice", parentKeyResultId: parent.Id, weight: 3);
        await _seed.MetricAsync(secret.Id, 60);
        var outsider = factory.CreateClientFor(Role.Viewer, "oscar");

        var mine = await KeyResultProgressAsync(parent.Id);
        var theirs = await (await outsider.GetAsync($"/api/key-results/{parent.Id}/progress")).ReadAsync<KeyResultProgressResponse>();

        Assert.Equal(0.5, mine.Value!.Value, 10);
        Assert.Equal(mine.Value, theirs.Value);
        Assert.Equal(2, mine.Breakdown.Children!.Objectives.Count);
        Assert.Equal(web.Id, Assert.Single(theirs.Breakdown.Children!.Objectives).ObjectiveId);
        Assert.Equal((1, 3.0, 0.6), (theirs.Breakdown.Children.Hidden!.Count, theirs.Breakdown.Children.Hidden.Weight, theirs.Breakdown.Children.Hidden.Value!.Value));
        Assert.DoesNotContain("Secret", await (await outsider.GetAsync($"/api/key-results/{parent.Id}/progress")).Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_low_confidence_check_in_puts_a_key_result_and_its_objective_at_risk()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var keyResult = await _seed.MetricAsync(objective.Id, 100, owner: "alice");

        await (await _manager.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 3, status = "off-track" }))
            .ReadAsync<object>(HttpStatusCode.Created);

        var progress = await KeyResultProgressAsync(keyResult.Id);
        var objectiveProgress = await ObjectiveProgressAsync(objective.Id);
        Assert.True(progress.AtRisk);
        Assert.Equal(["low-confidence"], progress.Reasons.Select(r => r.Code));
        Assert.True(objectiveProgress.AtRisk);
        Assert.Equal(keyResult.Id, Assert.Single(objectiveProgress.Reasons).KeyResultId);
    }

    private async Task<KeyResultProgressResponse> KeyResultProgressAsync(Guid id) =>
        await (await _manager.GetAsync($"/api/key-results/{id}/progress")).ReadAsync<KeyResultProgressResponse>();

    private async Task<ObjectiveProgressResponse> ObjectiveProgressAsync(Guid id) =>
        await (await _manager.GetAsync($"/api/objectives/{id}/progress")).ReadAsync<ObjectiveProgressResponse>();
}
