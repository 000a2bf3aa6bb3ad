using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Progress;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Progress;

public class PartialFetchRuleTests
{
    private static readonly LastCompleteProgress Last = LastCompleteProgress.From(
        new LinkProgressRecord(Guid.NewGuid(), 0.4, "{}", new DateTimeOffset(2026, 10, 5, 9, 30, 0, TimeSpan.FromHours(2)), null, false, null));

    [Fact]
    public void A_complete_fetch_is_stored_as_the_new_truth()
    {
        var fresh = LinkProgressCalculator.Compute([Done("A")], ProgressModel.Count, T0);

        Assert.Equal(new LinkProgressDecision(1.0, true, false, null), PartialFetchRule.Decide(fresh, Last));
    }

    [Fact]
    public void A_partial_fetch_keeps_the_last_complete_value_marked_stale_with_the_reason()
    {
        var fresh = LinkProgressCalculator.Compute([Done("A")], ProgressModel.Count, T0, complete: false, fetchError: "rate limited");

        var decision = PartialFetchRule.Decide(fresh, Last);

        Assert.Equal(0.4, decision.Value);
        Assert.False(decision.StoreFresh);
        Assert.True(decision.Stale);
        Assert.Equal("rate limited; showing the value of 2026-10-05 07:30 UTC", decision.StaleReason);
    }

    [Fact]
    public void A_partial_fetch_without_any_complete_one_shows_nothing()
    {
        var fresh = LinkProgressCalculator.Compute([Done("A")], ProgressModel.Count, T0, complete: false);

        var decision = PartialFetchRule.Decide(fresh, null);

        Assert.Null(decision.Value);
        Assert.False(decision.StoreFresh);
        Assert.True(decision.Stale);
    }
}
