using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Time.Testing;
using OkrConnect.Host.Practice.Reminders;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Practice.Tests.Support;

/// <summary>
/// The real host on a fresh database with a <see cref="FakeTimeProvider"/> as its clock. The clock starts a few minutes
/// in the past on a whole second, so tokens minted on it are valid by the real clock the JWT handler checks: mint every
/// client before moving the clock forward.
/// </summary>
public sealed class PracticeFactory : OkrConnectFactory
{
    public const string PublicBaseUrl = "https://okr.example.test";

    public PracticeFactory()
        : this(postgres: false)
    {
    }

    private PracticeFactory(bool postgres)
        : base(new OkrConnectFactoryOptions
        {
            Postgres = postgres,
            Settings = new Dictionary<string, string?>
            {
                ["OkrConnect:PublicBaseUrl"] = PublicBaseUrl,
                ["Sync:ScheduleRecurringJobs"] = "false",
                ["Reminders:RetryBaseDelay"] = "00:01:00",
                ["Reminders:MaxAttempts"] = "3",
                ["Reminders:HttpTimeout"] = "00:00:05",
            },
        })
    {
    }

    /// <summary>The same host on a fresh PostgreSQL schema; use in a [PostgresFact].</summary>
    public static PracticeFactory OnPostgres() => new(postgres: true);

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()));

    public DateOnly Today => DateOnly.FromDateTime(Clock.GetUtcNow().UtcDateTime);

    /// <summary>
    /// Moves the clock forward to 09:00 UTC two days on, so a test's "later that day" never crosses midnight. Mint
    /// clients first (see the class remarks).
    /// </summary>
    public DateTimeOffset MoveToMorning()
    {
        var morning = new DateTimeOffset(Today.AddDays(2).ToDateTime(new TimeOnly(9, 0)), TimeSpan.Zero);
        Clock.SetUtcNow(morning);
        return morning;
    }

    /// <summary>Runs the hourly job's work (evaluate, then deliver) as Hangfire would.</summary>
    public async Task EvaluateRemindersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJobs>().EvaluateAsync(CancellationToken.None);
    }

    /// <summary>Runs the retry job's work.</summary>
    public async Task DeliverRemindersAsync()
    {
        await using var scope = Services.CreateAsyncScope();
        await scope.ServiceProvider.GetRequiredService<ReminderJobs>().DeliverAsync(CancellationToken.None);
    }

    public T Service<T>()
        where T : notnull => Services.GetRequiredService<T>();

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }
}
