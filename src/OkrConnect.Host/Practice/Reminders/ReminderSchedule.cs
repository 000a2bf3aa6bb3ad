using Hangfire;
using Microsoft.Extensions.Options;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>Registers (AddOrUpdate) the two recurring reminder jobs at start-up, in UTC.</summary>
public sealed class ReminderSchedule(IServiceScopeFactory scopes, IOptions<ReminderOptions> options, ILogger<ReminderSchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        var o = options.Value;
        if (!o.ScheduleRecurringJobs)
        {
            logger.LogInformation("Reminder jobs are not scheduled by this process (Reminders:ScheduleRecurringJobs is false)");
            return Task.CompletedTask;
        }

        try
        {
            using var scope = scopes.CreateScope();
            if (scope.ServiceProvider.GetService<IRecurringJobManager>() is not { } jobs)
            {
                logger.LogWarning("Hangfire is not configured: reminders are not scheduled");
                return Task.CompletedTask;
            }

            var utc = new RecurringJobOptions { TimeZone = TimeZoneInfo.Utc };
            jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.EvaluateJobId, j => j.EvaluateAsync(CancellationToken.None), o.EvaluateCron, utc);
            jobs.AddOrUpdate<ReminderJobs>(ReminderJobs.DeliverJobId, j => j.DeliverAsync(CancellationToken.None), o.DeliverCron, utc);
        }
        catch (Exception ex)
        {
            // A broken job store must not stop the API from serving; reminders resume after the next start.
            logger.LogError(ex, "The reminder jobs could not be scheduled");
        }

        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
