using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Progress;

public class ManualProgressRuleTests
{
    private static readonly ManualProgress Manual = new(0.9, T0.AddDays(3), "owner");

    [Fact]
    public void A_manual_value_holds_until_the_linked_work_changes()
    {
        Assert.Equal(new EffectiveProgress(0.9, ProgressSource.Manual), ManualProgressRule.Resolve(0.2, Manual, null));
        Assert.Equal(new EffectiveProgress(0.9, ProgressSource.Manual), ManualProgressRule.Resolve(0.2, Manual, T0.AddDays(1)));
        Assert.Equal(new EffectiveProgress(0.2, ProgressSource.Computed), ManualProgressRule.Resolve(0.2, Manual, T0.AddDays(4)));
    }

    [Fact]
    public void Without_a_manual_value_the_computed_one_shows() =>
        Assert.Equal(new EffectiveProgress(null, ProgressSource.Computed), ManualProgressRule.Resolve(null, null, null));

    [Fact]
    public void A_work_change_is_a_change_in_the_counts_but_never_a_partial_fetch()
    {
        var before = LinkProgressCalculator.Compute([Done("A"), ToDo("B")], ProgressModel.Count, T0);
        var same = LinkProgressCalculator.Compute([Done("A"), ToDo("B")], ProgressModel.Count, T0.AddHours(1));
        var moved = LinkProgressCalculator.Compute([Done("A"), InProgress("B")], ProgressModel.Count, T0.AddHours(1));
        var partial = LinkProgressCalculator.Compute([Done("A"), Done("B")], ProgressModel.Count, T0, complete: false);

        Assert.False(ManualProgressRule.IsWorkChange(before, same));
        Assert.True(ManualProgressRule.IsWorkChange(before, moved));
        Assert.False(ManualProgressRule.IsWorkChange(before, partial));
        Assert.True(ManualProgressRule.IsWorkChange(null, before));
    }

    [Fact]
    public void Closed_cycles_are_frozen()
    {
        var cycle = Cycle(new DateOnly(2026, 10, 1), new DateOnly(2026, 12, 31));

        Assert.True(FrozenCycleRule.AllowsAutomatedUpdate(cycle));
        Assert.False(FrozenCycleRule.AllowsAutomatedUpdate(cycle with { State = CycleState.Closed }));
    }
}
