using OkrConnect.Core.Practice;

namespace OkrConnect.Practice.Tests.Rules;

public sealed class DeliveryRetryPolicyTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 25, 9, 0, 0, TimeSpan.Zero);
    private readonly DeliveryRetryPolicy _policy = new(5, TimeSpan.FromMinutes(1), TimeSpan.FromMinutes(5));

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2, 2)]
    [InlineData(3, 4)]
    [InlineData(4, 5)]
    public void Backoff_doubles_up_to_the_maximum(int attempts, int minutes) =>
        Assert.Equal(Now.AddMinutes(minutes), _policy.NextAttempt(attempts, new DeliveryFailure(DeliveryFailureCategory.Transient, "x"), Now));

    [Fact]
    public void Attempts_are_bounded_and_only_worthwhile_failures_retry()
    {
        Assert.Null(_policy.NextAttempt(5, new DeliveryFailure(DeliveryFailureCategory.Unavailable, "x"), Now));
        Assert.Null(_policy.NextAttempt(1, new DeliveryFailure(DeliveryFailureCategory.Authentication, "x"), Now));
        Assert.Null(_policy.NextAttempt(1, new DeliveryFailure(DeliveryFailureCategory.Configuration, "x"), Now));
        Assert.Null(_policy.NextAttempt(1, new DeliveryFailure(DeliveryFailureCategory.Permanent, "x"), Now));
    }

    [Fact]
    public void Retry_after_wins_when_it_is_longer() =>
        Assert.Equal(Now.AddMinutes(10), _policy.NextAttempt(1, new DeliveryFailure(DeliveryFailureCategory.RateLimited, "x", TimeSpan.FromMinutes(10)), Now));
}
