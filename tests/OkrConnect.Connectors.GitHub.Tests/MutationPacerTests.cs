using Microsoft.Extensions.Time.Testing;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class MutationPacerTests
{
    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 3, 2, 10, 0, 0, TimeSpan.Zero));

    [Fact]
    public async Task Three_writes_go_out_one_at_a_time_at_least_a_second_apart()
    {
        using var pacer = new MutationPacer(_time, MutationPacing.GitHubDefaults);
        var start = _time.GetUtcNow();

        var first = await pacer.WaitTurnAsync(CancellationToken.None);
        var second = pacer.WaitTurnAsync(CancellationToken.None);
        var third = pacer.WaitTurnAsync(CancellationToken.None);
        Assert.Equal(3, pacer.Pending);

        // Serialised: the second waits for the first to finish, whatever the time.
        _time.Advance(TimeSpan.FromSeconds(5));
        await Task.Delay(50);
        Assert.False(second.IsCompleted);

        first.Dispose();
        (await second).Dispose();
        Assert.Equal(start.AddSeconds(5), _time.GetUtcNow());

        // The third comes a full second after the second went out.
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(999));
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        (await third).Dispose();
        Assert.Equal(0, pacer.Pending);
    }

    [Fact]
    public async Task The_per_minute_content_limit_holds_back_the_write_that_would_exceed_it()
    {
        using var pacer = new MutationPacer(_time, new MutationPacing(TimeSpan.Zero, PerMinute: 2, PerHour: 100));
        var start = _time.GetUtcNow();

        (await pacer.WaitTurnAsync(CancellationToken.None)).Dispose();
        _time.Advance(TimeSpan.FromSeconds(10));
        (await pacer.WaitTurnAsync(CancellationToken.None)).Dispose();
        var third = pacer.WaitTurnAsync(CancellationToken.None);

        _time.Advance(TimeSpan.FromSeconds(49));
        await Task.Delay(50);
        Assert.False(third.IsCompleted);
        _time.Advance(TimeSpan.FromSeconds(1));
        (await third).Dispose();
        Assert.Equal(start.AddMinutes(1), _time.GetUtcNow());
    }

    [Fact]
    public async Task The_per_hour_content_limit_holds_back_the_write_that_would_exceed_it()
    {
        using var pacer = new MutationPacer(_time, new MutationPacing(TimeSpan.Zero, PerMinute: 100, PerHour: 3));
        var start = _time.GetUtcNow();
        for (var i = 0; i < 3; i++)
        {
            (await pacer.WaitTurnAsync(CancellationToken.None)).Dispose();
            _time.Advance(TimeSpan.FromMinutes(10));
        }

        var fourth = pacer.WaitTurnAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromMinutes(29));
        await Task.Delay(50);
        Assert.False(fourth.IsCompleted);
        _time.Advance(TimeSpan.FromMinutes(1));
        (await fourth).Dispose();
        Assert.Equal(start.AddHours(1), _time.GetUtcNow());
    }

    [Fact]
    public async Task A_cancelled_wait_gives_up_its_place()
    {
        using var pacer = new MutationPacer(_time, MutationPacing.GitHubDefaults);
        var first = await pacer.WaitTurnAsync(CancellationToken.None);
        using var cancel = new CancellationTokenSource();
        var second = pacer.WaitTurnAsync(cancel.Token);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => second);
        Assert.Equal(1, pacer.Pending);
        first.Dispose();
        Assert.Equal(0, pacer.Pending);
    }
}
