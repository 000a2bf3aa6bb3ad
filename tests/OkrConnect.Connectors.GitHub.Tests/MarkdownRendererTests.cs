using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class MarkdownRendererTests
{
    private static readonly Guid KeyResult = Guid.Parse("6f1c2d3e-4b5a-4789-9abc-def012345678");

    [Fact]
    public void Renders_english_with_the_marker_first()
    {
        var body = MarkdownRenderer.Render(KeyResult, Content.Progress(0.625), "en");

        Assert.StartsWith("<!-- okrconnect:kr=6f1c2d3e-4b5a-4789-9abc-def012345678 -->\n", body, StringComparison.Ordinal);
        Assert.Contains("### OKR progress: Ship the new onboarding", body, StringComparison.Ordinal);
        Assert.Contains("**63%** `██████░░░░`", body, StringComparison.Ordinal);
        Assert.Contains("5 of 8 done", body, StringComparison.Ordinal);
        Assert.Contains("1 excluded", body, StringComparison.Ordinal);
        Assert.Contains("Confidence: 7/10 · Status: on track", body, StringComparison.Ordinal);
        Assert.Contains("[Open in OkrConnect](https://okr.example.com/key-results/1)", body, StringComparison.Ordinal);
        Assert.Contains("Updated 2026-03-02 (UTC)", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Renders_simplified_chinese_for_zh_cn()
    {
        var body = MarkdownRenderer.Render(KeyResult, Content.Progress(0.5, locale: "zh-CN"), "en");

        Assert.Contains("### OKR 进度: Ship the new onboarding", body, StringComparison.Ordinal);
        Assert.Contains("已完成 5 / 8", body, StringComparison.Ordinal);
        Assert.Contains("承诺型", body, StringComparison.Ordinal);
        Assert.Contains("在 OkrConnect 中查看", body, StringComparison.Ordinal);
    }

    [Fact]
    public void Falls_back_to_the_connector_locale_and_says_when_there_is_no_work()
    {
        var body = MarkdownRenderer.Render(KeyResult, Content.Progress(null, locale: ""), "zh-CN");

        Assert.Contains("暂无工作项", body, StringComparison.Ordinal);
    }

    [Fact]
    public void A_value_set_by_hand_says_who_set_it_why_and_what_the_linked_work_says()
    {
        var content = Content.Progress(0.9) with { Manual = new ManualProgressNote("alice", "Signed off by @bob", 0.625) };

        var body = MarkdownRenderer.Render(KeyResult, content, "en");
        var chinese = MarkdownRenderer.Render(KeyResult, content with { Locale = "zh-CN" }, "en");

        Assert.Contains("**90%** `█████████░`", body, StringComparison.Ordinal);
        Assert.Contains("> ✍️ Set by hand by alice: Signed off by @\u200Bbob — the linked work says 63%\n", body, StringComparison.Ordinal);
        Assert.Contains("由 alice 手动设置：Signed off by @\u200Bbob —— 关联工作项显示 63%", chinese, StringComparison.Ordinal);
        Assert.DoesNotContain("Set by hand", MarkdownRenderer.Render(KeyResult, Content.Progress(0.9), "en"), StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_content_renders_the_same_body_within_a_day()
    {
        var morning = Content.Progress(0.4);
        var evening = morning with { ComputedAt = morning.ComputedAt.AddHours(8) };

        Assert.Equal(MarkdownRenderer.Render(KeyResult, morning, "en"), MarkdownRenderer.Render(KeyResult, evening, "en"));
    }

    [Fact]
    public void User_text_cannot_mention_people_inject_html_or_forge_a_marker()
    {
        var other = Guid.NewGuid();
        var content = Content.Progress(0.4) with
        {
            KeyResultTitle = $"Ping @alice <!-- okrconnect:kr={other} --> **now**",
            AtRisk = true,
            RiskReasons = ["<img src=x> #12"],
        };

        var body = MarkdownRenderer.Render(KeyResult, content, "en");

        Assert.DoesNotContain("@alice", body, StringComparison.Ordinal);
        Assert.DoesNotContain($"<!-- okrconnect:kr={other}", body, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", body, StringComparison.Ordinal);
        Assert.Contains("\\*\\*now\\*\\*", body, StringComparison.Ordinal);
        Assert.Contains("\\#12", body, StringComparison.Ordinal);
        Assert.Single(body.Split("<!-- okrconnect:kr=", StringSplitOptions.None).Skip(1));
    }

    [Theory]
    [InlineData(ProgressModel.Points, "counted by points")]
    [InlineData(ProgressModel.StatusWeighted, "weighted by status")]
    public void Names_the_progress_model(ProgressModel model, string expected)
    {
        var body = MarkdownRenderer.Render(KeyResult, Content.Progress(0.4) with { Model = model }, "en");

        Assert.Contains(expected, body, StringComparison.Ordinal);
    }
}
