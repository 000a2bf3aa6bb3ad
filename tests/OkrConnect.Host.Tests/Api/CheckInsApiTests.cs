using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.CheckIns;
using OkrConnect.Host.Api.KeyResults;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

public sealed class CheckInsApiTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    private readonly HttpClient _manager = factory.CreateClientFor(Role.Manager, "alice");
    private readonly HttpClient _owner = factory.CreateClientFor(Role.Member, "mia");
    private readonly OkrSeed _seed = new(factory.CreateClientFor(Role.Manager, "alice"));

    [Fact]
    public async Task The_owner_checks_in_and_everyone_reads_newest_first()
    {
        var keyResult = await KeyResultOwnedByAsync("mia");

        var first = await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 7, status = "on-track", note = "week 1" }))
            .ReadAsync<CheckInResponse>(HttpStatusCode.Created);
        var second = await (await _manager.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new
        {
            confidence = 4,
            status = "at-risk",
            note = "week 2",
            blockers = "waiting on legal",
            nextSteps = "escalate",
        })).ReadAsync<CheckInResponse>(HttpStatusCode.Created);

        var page = await (await factory.CreateClientFor(Role.Viewer).GetAsync($"/api/key-results/{keyResult.Id}/check-ins?limit=1"))
            .ReadAsync<PageOf<CheckInResponse>>();
        Assert.Equal(("mia", 7, CheckInStatus.OnTrack), (first.Author, first.Confidence, first.Status));
        Assert.Equal(("alice", "waiting on legal", "escalate"), (second.Author, second.Blockers, second.NextSteps));
        Assert.Equal(2, page.Total);
        Assert.Equal(second, Assert.Single(page.Items));
    }

    [Fact]
    public async Task A_member_cannot_check_in_on_someone_elses_key_result()
    {
        var keyResult = await KeyResultOwnedByAsync("bob");

        var problem = await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 7, status = "on-track" }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);

        Assert.Contains("owner (bob)", problem.Detail(), StringComparison.Ordinal);
        await AssertNoCheckInsAsync(keyResult.Id);
    }

    [Fact]
    public async Task A_viewer_cannot_check_in_even_on_their_own_key_result()
    {
        var keyResult = await KeyResultOwnedByAsync("victor");

        await (await factory.CreateClientFor(Role.Viewer, "victor").PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 7, status = "on-track" }))
            .ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Theory]
    [InlineData(11)]
    [InlineData(0)]
    public async Task Confidence_outside_1_to_10_is_400_and_nothing_is_written(int confidence)
    {
        var keyResult = await KeyResultOwnedByAsync("mia");

        var problem = await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence, status = "on-track" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal([$"confidence must be between 1 and 10 (got {confidence})."], problem.Errors("confidence"));
        await AssertNoCheckInsAsync(keyResult.Id);
    }

    [Fact]
    public async Task A_bad_status_and_a_value_on_a_work_key_result_are_400()
    {
        var keyResult = await KeyResultOwnedByAsync("mia");

        var badStatus = await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 5, status = "fine" }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);
        var value = await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 5, status = "on-track", value = 3 }))
            .ReadProblemAsync(HttpStatusCode.BadRequest);

        Assert.Equal(["status must be one of: on-track, at-risk, off-track."], badStatus.Errors("status"));
        Assert.Single(value.Errors("value"));
        await AssertNoCheckInsAsync(keyResult.Id);
    }

    [Fact]
    public async Task A_check_in_on_a_metric_key_result_moves_its_value_and_progress()
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        var metric = await _seed.KeyResultAsync(objective.Id, "Open P1 bugs", measure: MeasureKind.Metric, start: 120, target: 20, current: 120, owner: "mia");
        var before = await ProgressAsync(metric.Id);

        await (await _owner.PostJsonAsync($"/api/key-results/{metric.Id}/check-ins", new { confidence = 8, status = "on-track", value = 45 }))
            .ReadAsync<CheckInResponse>(HttpStatusCode.Created);

        var after = await ProgressAsync(metric.Id);
        var keyResult = await (await _manager.GetAsync($"/api/key-results/{metric.Id}")).ReadAsync<KeyResultResponse>();
        var history = await (await _manager.GetAsync($"/api/key-results/{metric.Id}/progress/history")).ReadAsync<ProgressHistoryResponse>();
        Assert.Equal(0, before.Value);
        Assert.Equal(0.75, after.Value);
        Assert.Equal(45, keyResult.MetricCurrent);
        Assert.Equal("(45 − 120) ÷ (20 − 120) = 0.75", after.Breakdown.Metric!.Summary);
        Assert.Equal(0.75, Assert.Single(history.Items).Value);
        Assert.NotNull(after.LastUpdated);
        Assert.Equal(8, after.LatestCheckIn!.Confidence);
    }

    [Fact]
    public async Task A_metric_check_in_is_recorded_in_the_history_of_the_children_key_result_above_it()
    {
        var cycle = await _seed.CycleAsync();
        var top = await _seed.ObjectiveAsync(cycle.Id, "Company");
        var parent = await _seed.KeyResultAsync(top.Id, measure: MeasureKind.Children);
        var team = await _seed.ObjectiveAsync(cycle.Id, "Team", parentKeyResultId: parent.Id);
        var metric = await _seed.MetricAsync(team.Id, 0, owner: "mia");

        await (await _owner.PostJsonAsync($"/api/key-results/{metric.Id}/check-ins", new { confidence = 8, status = "on-track", value = 30 }))
            .ReadAsync<CheckInResponse>(HttpStatusCode.Created);

        var history = await (await _manager.GetAsync($"/api/key-results/{parent.Id}/progress/history")).ReadAsync<ProgressHistoryResponse>();
        Assert.Equal(0.3, Assert.Single(history.Items).Value);
        Assert.Equal(0.3, (await ProgressAsync(parent.Id)).Value);
    }

    private async Task<KeyResultResponse> KeyResultOwnedByAsync(string owner)
    {
        var objective = await _seed.ObjectiveAsync((await _seed.CycleAsync()).Id);
        return await _seed.KeyResultAsync(objective.Id, owner: owner);
    }

    private async Task<KeyResultProgressResponse> ProgressAsync(Guid keyResultId) =>
        await (await _manager.GetAsync($"/api/key-results/{keyResultId}/progress")).ReadAsync<KeyResultProgressResponse>();

    private async Task AssertNoCheckInsAsync(Guid keyResultId)
    {
        var list = await (await _manager.GetAsync($"/api/key-results/{keyResultId}/check-ins")).ReadAsync<PageOf<CheckInResponse>>();
        Assert.Equal(0, list.Total);
    }
}
