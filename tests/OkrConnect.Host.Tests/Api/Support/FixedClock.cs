namespace OkrConnect.Host.Tests.Api.Support;

/// <summary>A clock that stays where a test puts it, so pace and check-in times are exact.</summary>
public sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public DateTimeOffset Now { get; set; } = now;

    public override DateTimeOffset GetUtcNow() => Now;
}
