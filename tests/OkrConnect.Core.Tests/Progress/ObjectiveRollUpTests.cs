using OkrConnect.Core.Domain;
using OkrConnect.Core.Progress;
using static OkrConnect.Core.Tests.Build;

namespace OkrConnect.Core.Tests.Progress;

public class ObjectiveRollUpTests
{
    private static (KeyResult, double?) Committed(double? progress, double weight = 1) => (KeyResult(weight: weight), progress);

    private static (KeyResult, double?) Aspirational(double? progress, double weight = 1) =>
        (KeyResult(type: KeyResultType.Aspirational, weight: weight), progress);

    [Fact]
    public void Is_the_weighted_mean_of_committed_key_results_with_aspirational_as_the_plus()
    {
        var result = ObjectiveRollUp.Compute([Committed(1.0, 1), Committed(0.4, 2), Aspirational(0.3), Aspirational(0.5)]);

        Assert.Equal(0.6, result.Value!.Value, 12);
        Assert.Equal(0.4, result.Plus!.Value, 12);
        Assert.Equal(ObjectiveProgressBasis.Committed, result.Basis);
    }

    [Fact]
    public void With_only_aspirational_key_results_uses_them() =>
        Assert.Equal(new ObjectiveProgress(0.7, null, ObjectiveProgressBasis.AspirationalOnly), ObjectiveRollUp.Compute([Aspirational(0.7)]));

    [Fact]
    public void No_progress_anywhere_is_none()
    {
        Assert.Equal(ObjectiveProgress.None, ObjectiveRollUp.Compute([]));
        Assert.Equal(ObjectiveProgress.None, ObjectiveRollUp.Compute([Committed(null), Aspirational(null)]));
    }

    [Fact]
    public void Unstarted_committed_key_results_are_not_replaced_by_aspirational_ones()
    {
        var result = ObjectiveRollUp.Compute([Committed(null), Aspirational(0.9)]);

        Assert.Null(result.Value);
        Assert.Equal(0.9, result.Plus);
    }

    [Fact]
    public void Committed_key_results_without_progress_are_skipped() =>
        Assert.Equal(0.5, ObjectiveRollUp.Compute([Committed(0.5), Committed(null, 10)]).Value);

    [Fact]
    public void Zero_weight_key_results_do_not_count() =>
        Assert.Equal(0.5, ObjectiveRollUp.Compute([Committed(0.5), Committed(1.0, 0)]).Value);
}
