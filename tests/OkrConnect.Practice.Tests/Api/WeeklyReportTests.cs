using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

public sealed class WeeklyReportTests(ReportScenario scenario) : IClassFixture<ReportScenario>
{
    [Fact]
    public async Task The_report_compares_progress_with_a_week_ago_and_shows_confidence_risk_and_missing_check_ins()
    {
        var report = await scenario.Manager.GetJsonAsync($"/api/reports/weekly?cycle={scenario.Cycle.Id()}&team=web");

        Assert.Equal(scenario.Week, report.Str("week"));
        var objective = Assert.Single(report.Items("objectives"));
        Assert.Equal(scenario.Web.Id(), objective.Get("objectiveId").GetGuid());

        var signups = KeyResult(objective, scenario.Signups.Id());
        Assert.Equal(0.5, signups.Get("progress").Num("now")!.Value, 10);
        Assert.Equal(0.2, signups.Get("progress").Num("weekAgo")!.Value, 10);
        Assert.Equal(0.3, signups.Get("progress").Num("change")!.Value, 10);
        Assert.Equal((7, 5, "up"), (signups.Get("confidence").Get("latest").GetInt32(), signups.Get("confidence").Get("previous").GetInt32(), signups.Get("confidence").Str("trend")));
        Assert.True(signups.Get("checkedInThisWeek").GetBoolean());
        Assert.False(signups.Get("atRisk").GetBoolean());

        var checkout = KeyResult(objective, scenario.Checkout.Id());
        Assert.Equal((0.4, 0.1), (checkout.Get("progress").Num("now")!.Value, checkout.Get("progress").Num("weekAgo")!.Value));
        Assert.Equal(0.3, checkout.Get("progress").Num("change")!.Value, 10);
        Assert.False(checkout.Get("checkedInThisWeek").GetBoolean());
        Assert.Equal("unknown", checkout.Get("confidence").Str("trend"));
        var problem = Assert.Single(checkout.Items("linkProblems"));
        Assert.Equal(("SHOP-1", "Jira answered 401 Unauthorized", true), (problem.Str("targetKey"), problem.Str("lastError"), problem.Get("stale").GetBoolean()));

        var latency = KeyResult(objective, scenario.Latency.Id());
        Assert.Equal("down", latency.Get("confidence").Str("trend"));
        Assert.True(latency.Get("atRisk").GetBoolean());
        Assert.Equal(["low-confidence"], latency.Items("risks").Select(r => r.Str("code")));
        Assert.True(objective.Get("atRisk").GetBoolean());

        // The objective is the mean of its committed key results, now and a week ago (no history → not counted).
        Assert.Equal((0.5 + 0.4 + 0.3) / 3, objective.Get("progress").Num("now")!.Value, 10);
        Assert.Equal((0.2 + 0.1 + 0.3) / 3, objective.Get("progress").Num("weekAgo")!.Value, 10);
        var summary = report.Get("summary");
        Assert.Equal((1, 3, 1, 1, 1), (summary.Get("objectives").GetInt32(), summary.Get("keyResults").GetInt32(), summary.Get("atRisk").GetInt32(), summary.Get("missingCheckIns").GetInt32(), summary.Get("linkProblems").GetInt32()));
    }

    [Fact]
    public async Task The_report_is_markdown_when_asked_for_in_english_and_chinese()
    {
        var request = new HttpRequestMessage(HttpMethod.Get, $"/api/reports/weekly?cycle={scenario.Cycle.Id()}&team=web");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("text/markdown"));
        var english = await scenario.Manager.SendAsync(request);
        var chinese = await scenario.Manager.GetAsync($"/api/reports/weekly?cycle={scenario.Cycle.Id()}&team=web&format=markdown&lang=zh-CN");

        Assert.Equal("text/markdown", english.Content.Headers.ContentType?.MediaType);
        var en = await english.Content.ReadAsStringAsync();
        Assert.StartsWith($"# Weekly report {scenario.Week} — 2026-Q4", en, StringComparison.Ordinal);
        Assert.Contains("## Grow the web shop — 40 % (+20 pts) ⚠ at risk", en, StringComparison.Ordinal);
        Assert.Contains("| Sign-ups \\| weekly | 50 % | +30 pts | 7 ↑ | done | – |", en, StringComparison.Ordinal);
        Assert.Contains("| Checkout revamp | 40 % | +30 pts | – | missing | – |", en, StringComparison.Ordinal);
        Assert.Contains("latest confidence is 3 (4 or below)", en, StringComparison.Ordinal);
        Assert.Contains("- Checkout revamp → SHOP-1 (jira-epic): failing — Jira answered 401 Unauthorized", en, StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.OK, chinese.StatusCode);
        var zh = await chinese.Content.ReadAsStringAsync();
        Assert.StartsWith($"# 周报 {scenario.Week} — 2026-Q4", zh, StringComparison.Ordinal);
        Assert.Contains("| 关键结果 | 进度 | 变化 | 信心 | 签到 | 风险 |", zh, StringComparison.Ordinal);
        Assert.Contains("| 50 % | +30 个百分点 | 7 ↑ | 已签到 |", zh, StringComparison.Ordinal);
        Assert.Contains("未签到", zh, StringComparison.Ordinal);
        Assert.Contains("最新信心指数为 3(不高于 4)", zh, StringComparison.Ordinal);
        Assert.Contains("同步失败", zh, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outsider_does_not_see_a_team_restricted_objective_in_the_report()
    {
        var outsider = await scenario.WebMember.GetJsonAsync($"/api/reports/weekly?cycle={scenario.Cycle.Id()}");
        var insider = await scenario.MobileMember.GetJsonAsync($"/api/reports/weekly?cycle={scenario.Cycle.Id()}");

        Assert.DoesNotContain(scenario.Mobile.Id(), outsider.Items("objectives").Select(o => o.Get("objectiveId").GetGuid()));
        Assert.DoesNotContain("Secret mobile plan", outsider.GetRawText(), StringComparison.Ordinal);
        Assert.Contains(scenario.Mobile.Id(), insider.Items("objectives").Select(o => o.Get("objectiveId").GetGuid()));
    }

    [Fact]
    public async Task A_past_week_is_read_from_the_history_as_it_stood_at_the_end_of_that_week()
    {
        var first = OkrConnect.Core.Practice.IsoWeek.Containing(scenario.Factory.Clock.GetUtcNow().AddDays(-8));

        var report = await scenario.Manager.GetJsonAsync($"/api/reports/weekly?cycle={scenario.Cycle.Id()}&team=web&week={first}");

        Assert.Equal((first.ToString(), first.End), (report.Str("week"), report.Get("asOf").GetDateTimeOffset()));
        var signups = KeyResult(Assert.Single(report.Items("objectives")), scenario.Signups.Id());
        Assert.Equal(0.2, signups.Get("progress").Num("now")!.Value, 10);
        Assert.Equal((5, "unknown"), (signups.Get("confidence").Get("latest").GetInt32(), signups.Get("confidence").Str("trend")));
        Assert.True(signups.Get("checkedInThisWeek").GetBoolean());
    }

    [Fact]
    public async Task The_week_defaults_to_the_current_one_and_the_cycle_to_the_one_overlapping_it()
    {
        var report = await scenario.Manager.GetJsonAsync("/api/reports/weekly?team=web");

        Assert.Equal((scenario.Week, scenario.Cycle.Id()), (report.Str("week"), report.Get("cycleId").GetGuid()));
    }

    [Theory]
    [InlineData("week=2026-48", "week")]
    [InlineData("week=2099-W01", "week")]
    [InlineData("lang=fr", "lang")]
    [InlineData("format=pdf", "format")]
    public async Task Bad_parameters_are_400_problems_naming_the_field(string query, string field)
    {
        var problem = await scenario.Manager.GetJsonAsync($"/api/reports/weekly?cycle={scenario.Cycle.Id()}&{query}", HttpStatusCode.BadRequest);

        Assert.Equal([field], problem.ErrorFields());
    }

    private static JsonElement KeyResult(JsonElement objective, Guid id) =>
        objective.Items("keyResults").Single(k => k.Get("keyResultId").GetGuid() == id);
}
