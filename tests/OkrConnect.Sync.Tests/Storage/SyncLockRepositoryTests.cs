using OkrConnect.Core.Persistence;
using OkrConnect.Sync.Tests.Support;

namespace OkrConnect.Sync.Tests.Storage;

/// <summary>The cross-process lease: one owner at a time, taken over only after it expires.</summary>
public sealed class SyncLockRepositoryTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 3, 12, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Ttl = TimeSpan.FromMinutes(2);

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task Of_many_concurrent_acquirers_exactly_one_wins(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var locks = db.Get<ISyncLockRepository>();

        var attempts = Enumerable.Range(0, 8)
            .Select(i => Task.Run(() => locks.TryAcquireAsync("sync:connector:a", $"owner-{i}", Now, Ttl)))
            .ToArray();
        var won = await Task.WhenAll(attempts);

        Assert.Equal(1, won.Count(w => w));
    }

    [Theory]
    [MemberData(nameof(Engines.All), MemberType = typeof(Engines))]
    public async Task A_held_lease_is_refused_until_it_expires_or_is_released(string engine)
    {
        await using var db = await SyncDatabase.CreateAsync(engine);
        var locks = db.Get<ISyncLockRepository>();

        Assert.True(await locks.TryAcquireAsync("l", "first", Now, Ttl));
        Assert.False(await locks.TryAcquireAsync("l", "second", Now.AddMinutes(1), Ttl));
        Assert.True(await locks.TryAcquireAsync("other", "second", Now, Ttl));

        // Renewal keeps it ours; the other owner cannot renew or release it.
        Assert.True(await locks.RenewAsync("l", "first", Now.AddMinutes(1), Ttl));
        Assert.False(await locks.RenewAsync("l", "second", Now.AddMinutes(1), Ttl));
        await locks.ReleaseAsync("l", "second");
        Assert.False(await locks.TryAcquireAsync("l", "second", Now.AddMinutes(2), Ttl));

        // Expired (first stalled): taken over, and the first owner learns it at its next renewal.
        Assert.True(await locks.TryAcquireAsync("l", "second", Now.AddMinutes(4), Ttl));
        Assert.False(await locks.RenewAsync("l", "first", Now.AddMinutes(4), Ttl));

        await locks.ReleaseAsync("l", "second");
        Assert.True(await locks.TryAcquireAsync("l", "third", Now.AddMinutes(4), Ttl));
    }
}
