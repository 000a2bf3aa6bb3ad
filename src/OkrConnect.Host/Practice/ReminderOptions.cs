namespace OkrConnect.Host.Practice;

/// <summary>The <c>Reminders</c> configuration section.</summary>
public sealed class ReminderOptions
{
    public const string Section = "Reminders";

    /// <summary>Whether this process registers the recurring jobs (one process is enough; tests turn it off).</summary>
    public bool ScheduleRecurringJobs { get; set; } = true;

    /// <summary>When reminders are evaluated (UTC cron): hourly by default.</summary>
    public string EvaluateCron { get; set; } = "0 * * * *";

    /// <summary>When deliveries waiting for a retry are sent (UTC cron).</summary>
    public string DeliverCron { get; set; } = "*/5 * * * *";

    /// <summary>Attempts per delivery, the first included, before it is marked failed.</summary>
    public int MaxAttempts { get; set; } = 5;

    /// <summary>The first retry waits this long; each further one twice as long, up to <see cref="RetryMaxDelay"/>.</summary>
    public TimeSpan RetryBaseDelay { get; set; } = TimeSpan.FromMinutes(1);

    public TimeSpan RetryMaxDelay { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Each call to a chat platform gives up after this long.</summary>
    public TimeSpan HttpTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// A reminder comment on a tracker gives up after this long, the tracker's own retries included. A post that timed
    /// out is retried later, and the retry finds the comment by its marker if the first one went through.
    /// </summary>
    public TimeSpan TrackerTimeout { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>A delivery claimed longer ago than this (its dispatcher died) is taken over.</summary>
    public TimeSpan ClaimTimeout { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>Deliveries claimed per batch; a run goes on until nothing is due.</summary>
    public int BatchSize { get; set; } = 50;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (MaxAttempts is < 1 or > 20)
        {
            problems.Add("Reminders:MaxAttempts must be between 1 and 20.");
        }

        if (RetryBaseDelay <= TimeSpan.Zero || RetryMaxDelay < RetryBaseDelay)
        {
            problems.Add("Reminders:RetryBaseDelay must be positive and at most Reminders:RetryMaxDelay.");
        }

        if (HttpTimeout <= TimeSpan.Zero || HttpTimeout > TimeSpan.FromMinutes(2))
        {
            problems.Add("Reminders:HttpTimeout must be between 0 and 2 minutes.");
        }

        if (ClaimTimeout <= HttpTimeout)
        {
            problems.Add("Reminders:ClaimTimeout must be longer than Reminders:HttpTimeout.");
        }

        if (TrackerTimeout <= TimeSpan.Zero || TrackerTimeout >= ClaimTimeout)
        {
            problems.Add("Reminders:TrackerTimeout must be positive and shorter than Reminders:ClaimTimeout.");
        }

        if (BatchSize is < 1 or > 500)
        {
            problems.Add("Reminders:BatchSize must be between 1 and 500.");
        }

        if (string.IsNullOrWhiteSpace(EvaluateCron) || string.IsNullOrWhiteSpace(DeliverCron))
        {
            problems.Add("Reminders:EvaluateCron and Reminders:DeliverCron must be cron expressions.");
        }

        return problems;
    }
}

/// <summary>Fails start-up with every problem of the <c>Reminders</c> section named.</summary>
public sealed class ReminderOptionsValidator : Microsoft.Extensions.Options.IValidateOptions<ReminderOptions>
{
    public Microsoft.Extensions.Options.ValidateOptionsResult Validate(string? name, ReminderOptions options)
    {
        var problems = options.Validate();
        return problems.Count == 0
            ? Microsoft.Extensions.Options.ValidateOptionsResult.Success
            : Microsoft.Extensions.Options.ValidateOptionsResult.Fail(problems);
    }
}
