using System.Text.Json.Nodes;
using OkrConnect.Core.Connectors;
using OkrConnect.Connectors.Jira.Tests.Support;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class RendererTests
{
    private static IEnumerable<JsonNode> Walk(JsonNode node)
    {
        yield return node;
        if (node["content"] is JsonArray children)
        {
            foreach (var child in children.SelectMany(c => Walk(c!)))
            {
                yield return child;
            }
        }
    }

    private static string AllText(JsonNode doc) =>
        string.Concat(Walk(doc).Where(n => n["type"]!.GetValue<string>() == "text").Select(n => n["text"]!.GetValue<string>() + "\n"));

    [Fact]
    public void Adf_is_one_panel_with_title_bar_breakdown_check_in_time_and_link()
    {
        var doc = AdfRenderer.Render(Samples.Content(0.6), "en");

        Assert.Equal("doc", doc["type"]!.GetValue<string>());
        Assert.Equal(1, doc["version"]!.GetValue<int>());
        var panel = Assert.Single(doc["content"]!.AsArray())!;
        Assert.Equal("panel", panel["type"]!.GetValue<string>());
        Assert.Equal("info", panel["attrs"]!["panelType"]!.GetValue<string>());
        Assert.Equal("heading", panel["content"]![0]!["type"]!.GetValue<string>());

        var text = AllText(doc);
        Assert.Contains("OKR progress · Checkout conversion +5%", text, StringComparison.Ordinal);
        Assert.Contains("██████░░░░ 60%", text, StringComparison.Ordinal);
        Assert.Contains("3 of 5 issues done; 1 excluded", text, StringComparison.Ordinal);
        Assert.Contains("3 done of 5 counted · 1 excluded · model: count", text, StringComparison.Ordinal);
        Assert.Contains("Objective: Make buying effortless · 2026-Q4 · committed", text, StringComparison.Ordinal);
        Assert.Contains("Confidence: 7/10 · Status: on track", text, StringComparison.Ordinal);
        Assert.Contains("Computed: 2026-11-03 14:05 UTC", text, StringComparison.Ordinal);

        var link = Walk(doc).Single(n => n["marks"]?[0]?["type"]?.GetValue<string>() == "link");
        Assert.Equal("Open in OkrConnect", link["text"]!.GetValue<string>());
        Assert.Equal(Samples.Content().KeyResultUrl, link["marks"]![0]!["attrs"]!["href"]!.GetValue<string>());
        Assert.DoesNotContain(Walk(doc), n => n["type"]!.GetValue<string>() == "text" && n["text"]!.GetValue<string>().Length == 0);
    }

    [Fact]
    public void Adf_shows_risks_in_a_warning_panel_and_no_work_yet_without_a_percentage()
    {
        var risky = AdfRenderer.Render(Samples.Content(0.3, atRisk: true), "en");
        var empty = AdfRenderer.Render(Samples.Content(null), "en");

        Assert.Equal("warning", risky["content"]![0]!["attrs"]!["panelType"]!.GetValue<string>());
        Assert.Equal(2, Walk(risky).Count(n => n["type"]!.GetValue<string>() == "listItem"));
        Assert.Contains("no check-in for 15 days", AllText(risky), StringComparison.Ordinal);
        Assert.Contains("Progress: \nno work yet", AllText(empty), StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_the_fixed_labels_in_chinese_for_zh_CN()
    {
        var adf = AllText(AdfRenderer.Render(Samples.Content(0.6, atRisk: true), "zh-CN"));
        var wiki = WikiMarkupRenderer.Render(Samples.Content(0.6, atRisk: true), "zh-CN");

        Assert.Contains("OKR 进度 · Checkout conversion +5%", adf, StringComparison.Ordinal);
        Assert.Contains("已完成 3 / 计入 5 · 已排除 1 · 模型：计数", adf, StringComparison.Ordinal);
        Assert.Contains("信心: 7/10 · 状态: 有风险", adf, StringComparison.Ordinal);
        Assert.Contains("在 OkrConnect 中查看", adf, StringComparison.Ordinal);
        Assert.StartsWith("{panel:title=OKR 进度}", wiki, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_set_by_hand_says_who_set_it_why_and_what_the_linked_work_says()
    {
        var content = Samples.Content(0.9) with { Manual = new ManualProgressNote("alice", "Partner signed off *early*", 0.6) };

        var adf = AllText(AdfRenderer.Render(content, "en"));
        var wiki = WikiMarkupRenderer.Render(content, "en");
        var chinese = AllText(AdfRenderer.Render(content, "zh-CN"));

        Assert.Contains("█████████░ 90%\nSet by hand by alice: Partner signed off *early* — the linked work says 60%\n", adf, StringComparison.Ordinal);
        Assert.Contains("_Set by hand by alice: Partner signed off \\*early\\* — the linked work says 60%_", wiki, StringComparison.Ordinal);
        Assert.Contains("由 alice 手动设置：Partner signed off *early* —— 关联工作项显示 60%", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Set by hand", AllText(AdfRenderer.Render(Samples.Content(0.9), "en")), StringComparison.Ordinal);
    }

    [Fact]
    public void Wiki_markup_escapes_user_text_so_it_cannot_break_the_panel()
    {
        var content = Samples.Content() with { KeyResultTitle = "Ship {panel} [link|x] *now*", KeyResultUrl = "https://okr.example.com/kr?a=1|2]" };

        var wiki = WikiMarkupRenderer.Render(content, "en");

        Assert.Contains(@"h3. OKR progress · Ship \{panel\} \[link\|x\] \*now\*", wiki, StringComparison.Ordinal);
        Assert.Contains("[Open in OkrConnect|https://okr.example.com/kr?a=1%7C2%5D]", wiki, StringComparison.Ordinal);
        Assert.Single(wiki.Split('\n'), line => line == "{panel}");
    }
}
