using Microsoft.Extensions.Time.Testing;

namespace OkrConnect.Connectors.GitHub.Tests.Infrastructure;

/// <summary>
/// A <see cref="FakeTimeProvider"/> that knows whether code is waiting on it. Tests advance fake time only once the
/// connector has actually reached a wait (rate-limit pause, pacer slot): advancing after a fixed slice of real time
/// moved the clock under requests still in flight on a loaded machine, so checks made "while waiting" ran before the
/// connector had even sent its first request, and writes appeared closer together than they were paced.
/// Timers due further away than <see cref="WaitHorizon"/> (the per-attempt timeout, which the harness sets far out)
/// do not count as waits.
/// </summary>
public sealed class WaitAwareTimeProvider(DateTimeOffset start) : FakeTimeProvider(start)
{
    private readonly Lock _gate = new();
    private readonly HashSet<TrackedTimer> _armed = [];

    public static TimeSpan WaitHorizon { get; } = TimeSpan.FromHours(2);

    /// <summary>Whether some timer is armed to fire within <see cref="WaitHorizon"/>.</summary>
    public bool HasPendingWait
    {
        get
        {
            var now = GetUtcNow();
            lock (_gate)
            {
                return _armed.Any(timer => timer.DueAt <= now + WaitHorizon);
            }
        }
    }

    /// <summary>
    /// Waits in real time until <paramref name="task"/> completes or the code under test waits on this clock.
    /// True when the task completed.
    /// </summary>
    public async Task<bool> CompletedOrWaitingAsync(Task task, TimeSpan realTimeLimit)
    {
        var deadline = DateTime.UtcNow + realTimeLimit;
        while (!task.IsCompleted && !HasPendingWait)
        {
            Assert.True(DateTime.UtcNow < deadline, $"neither finished nor waiting on fake time after {realTimeLimit} of real time");
            await Task.WhenAny(task, Task.Delay(5));
        }

        return task.IsCompleted;
    }

    public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period)
    {
        var tracked = new TrackedTimer(this);

        // The tracking must be in place before the fake timer exists: a zero due time fires inside CreateTimer.
        tracked.Arm(dueTime);
        tracked.Inner = base.CreateTimer(s => { tracked.Fired(period); callback(s); }, state, dueTime, period);
        return tracked;
    }

    private sealed class TrackedTimer(WaitAwareTimeProvider clock) : ITimer
    {
        public ITimer Inner { get; set; } = null!;

        public DateTimeOffset DueAt { get; private set; }

        public void Arm(TimeSpan dueTime)
        {
            // The fake clock is read outside our lock: Advance may hold its own lock while it runs timer callbacks.
            var now = clock.GetUtcNow();
            lock (clock._gate)
            {
                if (dueTime == Timeout.InfiniteTimeSpan)
                {
                    clock._armed.Remove(this);
                    return;
                }

                DueAt = now + dueTime;
                clock._armed.Add(this);
            }
        }

        public void Fired(TimeSpan period)
        {
            if (period == Timeout.InfiniteTimeSpan || period == TimeSpan.Zero)
            {
                Disarm();
            }
            else
            {
                Arm(period);
            }
        }

        public bool Change(TimeSpan dueTime, TimeSpan period)
        {
            Arm(dueTime);
            return Inner.Change(dueTime, period);
        }

        public void Dispose()
        {
            Disarm();
            Inner.Dispose();
        }

        public ValueTask DisposeAsync()
        {
            Disarm();
            return Inner.DisposeAsync();
        }

        private void Disarm()
        {
            lock (clock._gate)
            {
                clock._armed.Remove(this);
            }
        }
    }
}
