using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

public sealed class ScoringTests : IClassFixture<PracticeFactory>
{
    private readonly PracticeFactory _factory;
    private readonly HttpClient _manager;
    private readonly HttpClient _owner;
    private readonly HttpClient _otherMember;
    private readonly Seed _seed;

    public ScoringTests(PracticeFactory factory)
    {
        _factory = factory;
        _manager = factory.CreateClientFor(Role.Manager, "maria", "web");
        _owner = factory.CreateClientFor(Role.Member, "olga", "web");
        _otherMember = factory.CreateClientFor(Role.Member, "wes", "web");
        _seed = new Seed(_manager);
    }

    [Fact]
    public async Task Closing_records_scores_rounded_to_one_decimal_with_bands_and_the_aspirational_plus()
    {
        var (cycle, krs) = await ScoredCycleAsync();

        var sheet = await (await _manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync();

        Assert.Equal("closed", sheet.Str("state"));
        var (main, stretchOnly) = (Objective(sheet, "Main"), Objective(sheet, "Moonshot"));
        var a = Line(main, krs.A);
        Assert.Equal((0.65, 0.7, 0.7, "green"), (a.Num("progressAtClose")!.Value, a.Num("computed")!.Value, a.Num("score")!.Value, a.Str("band")));
        var b = Line(main, krs.B);
        Assert.Equal((null, null, null), (b.Num("computed"), b.Num("score"), b.Str("band")));
        var c = Line(main, krs.C);
        Assert.Equal((0.9, "aspirational"), (c.Num("score")!.Value, c.Str("type")));

        // Committed key results without progress are skipped; the aspirational one is the plus, never in the score.
        Assert.Equal((0.7, 0.9, "green"), (main.Num("score")!.Value, main.Num("plus")!.Value, main.Str("band")));
        Assert.Equal((0.3, null, "red"), (stretchOnly.Num("score")!.Value, stretchOnly.Num("plus"), stretchOnly.Str("band")));

        await (await _manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync(HttpStatusCode.Conflict);
        var cycleAfter = await _manager.GetJsonAsync($"/api/cycles/{cycle.Id()}");
        Assert.Equal("closed", cycleAfter.Str("state"));
    }

    [Fact]
    public async Task Closing_by_patching_the_state_records_the_same_scores_as_the_close_endpoint()
    {
        var (byClose, closeKrs) = await ScoredCycleAsync();
        var (byPatch, patchKrs) = await ScoredCycleAsync();

        var closeSheet = await (await _manager.PostAsync($"/api/cycles/{byClose.Id()}/close", null)).ReadAsync();
        var patched = await (await _manager.PatchJsonAsync($"/api/cycles/{byPatch.Id()}", new { state = "closed" })).ReadAsync();
        var patchSheet = await _manager.GetJsonAsync($"/api/cycles/{byPatch.Id()}/scores");

        Assert.Equal("closed", patched.Str("state"));
        foreach (var title in new[] { "Main", "Moonshot" })
        {
            var (closed, viaPatch) = (Objective(closeSheet, title), Objective(patchSheet, title));
            Assert.Equal((closed.Num("score"), closed.Num("plus"), closed.Str("band")), (viaPatch.Num("score"), viaPatch.Num("plus"), viaPatch.Str("band")));
        }

        foreach (var (closedKr, patchedKr, title) in new[] { (closeKrs.A, patchKrs.A, "Main"), (closeKrs.B, patchKrs.B, "Main"), (closeKrs.C, patchKrs.C, "Main"), (closeKrs.D, patchKrs.D, "Moonshot") })
        {
            var (closed, viaPatch) = (Line(Objective(closeSheet, title), closedKr), Line(Objective(patchSheet, title), patchedKr));
            Assert.Equal(
                (closed.Num("progressAtClose"), closed.Num("computed"), closed.Num("score"), closed.Str("band")),
                (viaPatch.Num("progressAtClose"), viaPatch.Num("computed"), viaPatch.Num("score"), viaPatch.Str("band")));
        }

        // A closed cycle cannot be closed again either way.
        await (await _manager.PatchJsonAsync($"/api/cycles/{byPatch.Id()}", new { state = "closed" })).ReadAsync(HttpStatusCode.Conflict);
        await (await _manager.PostAsync($"/api/cycles/{byPatch.Id()}/close", null)).ReadAsync(HttpStatusCode.Conflict);
    }

    [Fact]
    public async Task An_adjusted_score_keeps_the_computed_one_and_needs_a_reason_from_the_owner_or_a_manager()
    {
        var (cycle, krs) = await ScoredCycleAsync();
        await (await _owner.PutJsonAsync($"/api/key-results/{krs.A}/score", new { score = 0.4, reason = "too early" }))
            .ReadAsync(HttpStatusCode.Conflict);
        await (await _manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync();

        var noReason = await (await _owner.PutJsonAsync($"/api/key-results/{krs.A}/score", new { score = 0.4 })).ReadAsync(HttpStatusCode.BadRequest);
        var outOfRange = await (await _owner.PutJsonAsync($"/api/key-results/{krs.A}/score", new { score = 1.5, reason = "x" })).ReadAsync(HttpStatusCode.BadRequest);
        await (await _otherMember.PutJsonAsync($"/api/key-results/{krs.A}/score", new { score = 0.4, reason = "x" })).ReadAsync(HttpStatusCode.Forbidden);
        var byOwner = await (await _owner.PutJsonAsync($"/api/key-results/{krs.A}/score", new { score = 0.44, reason = "Shipped, but only to half the users" })).ReadAsync();
        var byManager = await (await _manager.PutJsonAsync($"/api/key-results/{krs.B}/score", new { score = 0.5, reason = "Measured by hand: half done" })).ReadAsync();

        Assert.Equal(["reason"], noReason.ErrorFields());
        Assert.Equal(["score"], outOfRange.ErrorFields());
        Assert.Equal((0.7, 0.4, 0.4, "yellow", "olga"), (byOwner.Num("computed")!.Value, byOwner.Num("adjusted")!.Value, byOwner.Num("score")!.Value, byOwner.Str("band"), byOwner.Str("adjustedBy")));
        Assert.Equal("Shipped, but only to half the users", byOwner.Str("adjustmentReason"));
        Assert.Equal((null, 0.5), (byManager.Num("computed"), byManager.Num("adjusted")!.Value));

        var sheet = await _manager.GetJsonAsync($"/api/cycles/{cycle.Id()}/scores");
        var main = Objective(sheet, "Main");
        Assert.Equal((0.7, 0.4), (Line(main, krs.A).Num("computed")!.Value, Line(main, krs.A).Num("score")!.Value));

        // The objective's score now uses the effective scores: mean of 0.4 and 0.5.
        Assert.Equal(0.45, main.Num("score")!.Value, 10);
    }

    [Fact]
    public async Task A_closed_cycle_is_read_only_but_takes_retrospectives_and_exports_csv()
    {
        var (cycle, krs) = await ScoredCycleAsync();
        await (await _owner.PutJsonAsync($"/api/key-results/{krs.A}/retrospective", new { whatWorked = "Pairing" })).ReadAsync();
        await (await _manager.GetAsync($"/api/cycles/{cycle.Id()}/scores")).ReadAsync(HttpStatusCode.Conflict);
        await (await _manager.PostAsync($"/api/cycles/{cycle.Id()}/close", null)).ReadAsync();

        await (await _owner.PostJsonAsync($"/api/key-results/{krs.A}/check-ins", new { confidence = 5, status = "on-track" })).ReadAsync(HttpStatusCode.Conflict);
        await (await _manager.PatchJsonAsync($"/api/key-results/{krs.A}", new { title = "Renamed" })).ReadAsync(HttpStatusCode.Conflict);
        var retro = await (await _owner.PutJsonAsync($"/api/key-results/{krs.A}/retrospective", new
        {
            whatWorked = "Pairing, \"mob\" sessions",
            whatDidNot = "Estimates\r\nwere off",
            whatNext = "=HYPERLINK(\"x\")",
        })).ReadAsync();
        Assert.Equal("olga", retro.Str("updatedBy"));

        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/cycles/{cycle.Id()}/scores");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/csv"));
        var response = await _manager.SendAsync(request);
        var byQuery = await _manager.GetAsync($"/api/cycles/{cycle.Id()}/scores?format=csv");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal("text/csv", byQuery.Content.Headers.ContentType?.MediaType);
        var rows = Csv.Parse(await response.Content.ReadAsStringAsync());
        var header = rows[0];
        Assert.Equal("objective_id", header[0]);
        Assert.Equal(4, rows.Count - 1);
        var a = rows.Single(r => r[header.IndexOf("key_result_id")] == krs.A.ToString("D"));
        string Cell(string column) => a[header.IndexOf(column)];
        Assert.Equal(("Ship, \"fast\"", "0.65", "0.7", "0.7", "green"), (Cell("key_result"), Cell("progress_at_close"), Cell("computed_score"), Cell("score"), Cell("band")));
        Assert.Equal(("Pairing, \"mob\" sessions", "Estimates\r\nwere off", "'=HYPERLINK(\"x\")"), (Cell("what_worked"), Cell("what_did_not"), Cell("what_next")));
        Assert.Equal(("0.7", "0.9"), (Cell("objective_score"), Cell("objective_plus")));
    }

    [Fact]
    public async Task Cycles_in_planning_are_freely_editable()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(20), _factory.Today.AddDays(110), "planning");
        var objective = await _seed.ObjectiveAsync(cycle.Id());
        var keyResult = await _seed.MetricAsync(objective.Id(), 10, owner: "olga");

        await (await _manager.PatchJsonAsync($"/api/objectives/{objective.Id()}", new { title = "Better" })).ReadAsync();
        await (await _manager.PatchJsonAsync($"/api/key-results/{keyResult.Id()}", new { title = "Sharper" })).ReadAsync();
        await (await _owner.PostJsonAsync($"/api/key-results/{keyResult.Id()}/check-ins", new { confidence = 6, status = "on-track", value = 20 }))
            .ReadAsync(HttpStatusCode.Created);
        await (await _manager.PostJsonAsync($"/api/key-results/{keyResult.Id()}/decompose", new { objectives = new[] { new { title = "Team" } } }))
            .ReadAsync(HttpStatusCode.Created);
    }

    // Lookups by name and id: the fake clock stands still, so creation times (and list orders) tie.
    private static JsonElement Objective(JsonElement sheet, string title) =>
        sheet.Items("objectives").Single(o => o.Str("title") == title);

    private static JsonElement Line(JsonElement objective, Guid keyResultId) =>
        objective.Items("keyResults").Single(k => k.Get("keyResultId").GetGuid() == keyResultId);

    /// <summary>
    /// An objective with A (committed, 0.65), B (committed, no progress) and C (aspirational, 0.9), and one with only
    /// an aspirational key result D (0.3). A's title needs CSV quoting.
    /// </summary>
    private async Task<(JsonElement Cycle, (Guid A, Guid B, Guid C, Guid D) KeyResults)> ScoredCycleAsync()
    {
        var cycle = await _seed.CycleAsync(_factory.Today.AddDays(-80), _factory.Today.AddDays(10));
        var main = await _seed.ObjectiveAsync(cycle.Id(), "Main");
        var a = await _seed.MetricAsync(main.Id(), 65, "Ship, \"fast\"", owner: "olga");
        var b = await _seed.MetricAsync(main.Id(), null, "Not measured", owner: "olga");
        var c = await _seed.MetricAsync(main.Id(), 90, "Stretch", "aspirational");
        var stretch = await _seed.ObjectiveAsync(cycle.Id(), "Moonshot");
        var d = await _seed.MetricAsync(stretch.Id(), 30, "Moon", "aspirational");
        return (cycle, (a.Id(), b.Id(), c.Id(), d.Id()));
    }
}
