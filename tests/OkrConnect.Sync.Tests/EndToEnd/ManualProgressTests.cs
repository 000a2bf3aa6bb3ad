using System.Net;
using System.Net.Http.Json;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.EndToEnd;

/// <summary>
/// A manual value on a work key result holds, labelled manual, until a sync detects a change in its linked work
/// (docs: "Manual values and closed cycles"); a partial fetch is never a change.
/// </summary>
public sealed class ManualProgressTests
{
    [Fact]
    public async Task A_manual_value_survives_unchanged_syncs_and_is_cleared_by_the_first_change_in_the_work()
    {
        using var jira = new FakeJira();
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();

        await SetManualAsync(s, 0.9, "Payment provider signed off");
        Assert.Equal(new ProgressView(0.9, "manual"), await ProgressAsync(s));

        var unchanged = await s.SyncAsync();
        Assert.Equal("succeeded", unchanged.Status);
        Assert.Equal(new ProgressView(0.9, "manual"), await ProgressAsync(s));
        Assert.Equal(("manual", 0.9), ((await s.HistoryAsync())[^1].Source, (await s.HistoryAsync())[^1].Value));

        // The tracker shows what OkrConnect shows: the comment is edited to the manual value, saying where it came from.
        Assert.Equal(1, unchanged.WritesMade);
        var comment = TextOf(Assert.Single(jira.CommentsOn("OKR-1")).Body);
        Assert.Contains("90%", comment, StringComparison.Ordinal);
        Assert.Contains("Set by hand by manager-user: Payment provider signed off — the linked work says 67%", comment, StringComparison.Ordinal);
        Assert.Equal(0, (await s.SyncAsync()).WritesMade);

        jira.SetStatus("OKR-102", "done", "Done");
        await s.SyncAsync();

        Assert.Equal(new ProgressView(1.0, "computed"), await ProgressAsync(s));
        var last = (await s.HistoryAsync())[^1];
        Assert.Equal(("sync", 1.0), (last.Source, last.Value));
        Assert.DoesNotContain("Set by hand", TextOf(Assert.Single(jira.CommentsOn("OKR-1")).Body), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_partial_fetch_is_not_a_change_and_keeps_the_manual_value()
    {
        using var jira = new FakeJira { PageSize = 2 };
        using var host = new SyncHost();
        var s = await Scenario.StartAsync(host, jira);
        await s.SyncAsync();
        await SetManualAsync(s, 0.25, "Half the scope moved to Q1");

        // Page 1 (OKR-101, OKR-102) shows the change, but page 2 fails: what was read is not the truth.
        jira.SetStatus("OKR-102", "done", "Done");
        jira.FailSearchPage(2, 500);
        var cut = await s.SyncAsync();

        Assert.Equal("partial", cut.Status);
        Assert.Equal(new ProgressView(0.25, "manual"), await ProgressAsync(s));

        jira.ClearFaults();
        await s.SyncAsync();
        Assert.Equal(new ProgressView(1.0, "computed"), await ProgressAsync(s));
    }

    private static async Task SetManualAsync(Scenario s, double value, string reason)
    {
        var response = await s.Manager.PutAsJsonAsync($"/api/key-results/{s.KeyResult.Id}/manual-progress", new { value, reason });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    private static async Task<ProgressView> ProgressAsync(Scenario s)
    {
        var response = await s.Manager.GetAsync($"/api/key-results/{s.KeyResult.Id}/progress");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var read = await SyncHost.ReadAsync<ProgressView>(response);
        return read with { Value = read.Value is { } v ? Math.Round(v, 6) : null };
    }

    /// <summary>The text of an ADF comment body, its text nodes one per line.</summary>
    private static string TextOf(System.Text.Json.Nodes.JsonNode? node) => node switch
    {
        System.Text.Json.Nodes.JsonObject o when o["type"]?.GetValue<string>() == "text" => o["text"]!.GetValue<string>() + "\n",
        System.Text.Json.Nodes.JsonObject o => TextOf(o["content"]),
        System.Text.Json.Nodes.JsonArray a => string.Concat(a.Select(TextOf)),
        _ => "",
    };

    private sealed record ProgressView(double? Value, string Source);
}
