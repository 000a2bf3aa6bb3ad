using OkrConnect.Core.Progress;

namespace OkrConnect.Core.Tests.Progress;

public class WeightedMeanTests
{
    [Fact]
    public void Unequal_weights() =>
        Assert.Equal(0.25, WeightedMean.Of([new(0.0, 3), new(1.0, 1)]));

    [Fact]
    public void Values_without_progress_are_skipped() =>
        Assert.Equal(0.4, WeightedMean.Of([new(0.4, 1), new(null, 100)]));

    [Fact]
    public void Nothing_with_progress_is_null()
    {
        Assert.Null(WeightedMean.Of([]));
        Assert.Null(WeightedMean.Of([new(null, 1), new(null, 2)]));
    }

    [Fact]
    public void A_zero_weight_entry_does_not_count() =>
        Assert.Equal(0.8, WeightedMean.Of([new(0.8, 1), new(0.0, 0)]));

    [Fact]
    public void Negative_weights_count_as_zero() =>
        Assert.Equal(0.8, WeightedMean.Of([new(0.8, 1), new(0.0, -5)]));

    [Fact]
    public void All_weights_zero_is_the_plain_mean() =>
        Assert.Equal(0.5, WeightedMean.Of([new(0.2, 0), new(0.8, 0)]));
}
