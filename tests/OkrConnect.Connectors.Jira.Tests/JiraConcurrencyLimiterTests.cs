namespace OkrConnect.Connectors.Jira.Tests;

public sealed class JiraConcurrencyLimiterTests
{
    [Fact]
    public async Task Caps_requests_per_connector_and_not_across_connectors()
    {
        var limiter = new JiraConcurrencyLimiter();
        var connector = Guid.NewGuid();
        var other = Guid.NewGuid();

        using var first = await limiter.EnterAsync(connector, 2, default);
        using var second = await limiter.EnterAsync(connector, 2, default);
        var third = limiter.EnterAsync(connector, 2, default).AsTask();
        using var elsewhere = await limiter.EnterAsync(other, 2, default);

        Assert.False(third.IsCompleted);
        Assert.Equal(0, limiter.Available(connector));
        Assert.Equal(1, limiter.Available(other));

        first.Dispose();
        using var admitted = await third.WaitAsync(TimeSpan.FromSeconds(5));
        Assert.Equal(0, limiter.Available(connector));
    }
}
