namespace OkrConnect.Host.Api.Common;

/// <summary>
/// Timestamps at the precision the database keeps (microseconds, on SQLite and PostgreSQL alike), so what a write
/// returns is exactly what a later read returns.
/// </summary>
public static class StoredTime
{
    public static DateTimeOffset GetStoredUtcNow(this TimeProvider clock)
    {
        var now = clock.GetUtcNow();
        return now.AddTicks(-(now.Ticks % (TimeSpan.TicksPerMillisecond / 1000)));
    }
}
