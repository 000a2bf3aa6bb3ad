using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using OkrConnect.Sync.Engine;
using OkrConnect.Sync.WriteBack;

namespace OkrConnect.Sync.Tests.Engine;

public sealed class SyncUnitTests
{
    [Fact]
    public void Queued_requests_fold_into_one_run_with_the_union_of_links_and_the_strongest_trigger()
    {
        var connector = Guid.NewGuid();
        var (a, b) = (Guid.NewGuid(), Guid.NewGuid());

        var links = SyncScope.Merge(connector, [new(connector, SyncTrigger.Webhook, [a]), new(connector, SyncTrigger.Manual, [b, a])]);
        var all = SyncScope.Merge(connector, [new(connector, SyncTrigger.Webhook, [a]), new(connector, SyncTrigger.Schedule)]);

        Assert.Equal(SyncTrigger.Manual, links.Trigger);
        // a and b are random: compare both sides sorted (the test failed whenever b happened to sort first).
        Assert.Equal(new[] { a, b }.Order(), links.LinkIds!.Order());
        Assert.True(all.AllLinks);
        Assert.Equal(SyncTrigger.Webhook, all.Trigger);
        Assert.False(new SyncScope(connector, SyncTrigger.Schedule).FullFetch);
        Assert.True(new SyncScope(connector, SyncTrigger.Reconcile).FullFetch);
    }

    [Fact]
    public void The_content_hash_ignores_when_it_was_computed_but_nothing_else()
    {
        var content = Content();
        var target = new TargetRef("jira-epic", "OKR-1");

        var hash = ContentHash.Of(content, WriteBackMode.Comment, target);

        Assert.Equal(hash, ContentHash.Of(content with { ComputedAt = content.ComputedAt.AddHours(3) }, WriteBackMode.Comment, target));
        Assert.NotEqual(hash, ContentHash.Of(content with { Progress = 0.7 }, WriteBackMode.Comment, target));
        Assert.NotEqual(hash, ContentHash.Of(content with { Stale = true, StaleReason = "cut short" }, WriteBackMode.Comment, target));
        Assert.NotEqual(hash, ContentHash.Of(content, WriteBackMode.Property, target));
        Assert.NotEqual(hash, ContentHash.Of(content with { Manual = new ManualProgressNote("alice", "signed off", 0.5) }, WriteBackMode.Comment, target));

        // Without a manual value the hashed form has no trace of the field, so hashes stored before it existed still
        // match and an upgrade rewrites no comment.
        Assert.DoesNotContain("manual", ProgressJson.Serialize(content), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void A_breakdown_reads_in_english_and_simplified_chinese()
    {
        var items = new List<WorkItem>
        {
            new("A-1", WorkItemClass.Done),
            new("A-2", WorkItemClass.Done),
            new("A-3", WorkItemClass.ToDo),
            new("A-4", WorkItemClass.Excluded, ExcludedReason: "Won't Do"),
        };
        var breakdown = LinkProgressCalculator.Compute(items, ProgressModel.Count, DateTimeOffset.UnixEpoch);

        Assert.Equal("2 of 3 issues done · 1 excluded (won't do) · counted by issues", BreakdownText.Render(breakdown, WriteBackLanguages.For("en")));
        Assert.Equal("3 个事项中已完成 2 个 · 排除 1 个（won't do） · 按事项计数", BreakdownText.Render(breakdown, WriteBackLanguages.For("zh-CN")));
    }

    private static WriteBackContent Content() => new(
        "Ship the new checkout", KeyResultType.Committed, 0.5, "1 of 2 issues done", 1, 2, 0, ProgressModel.Count, "Faster checkout",
        "2026-Q4", 7, CheckInStatus.OnTrack, false, [], false, null, DateTimeOffset.UnixEpoch, "https://okr.example.test/key-results/1", "en");
}
