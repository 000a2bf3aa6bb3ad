namespace OkrConnect.Sync;

/// <summary>The "Sync" configuration section.</summary>
public sealed class SyncOptions
{
    public const string Section = "Sync";

    /// <summary>Targets per connector fetch call: large enough to save calls, small enough that one failure costs little.</summary>
    public int BatchSize { get; set; } = 50;

    /// <summary>Debounce after a webhook so a burst of events for the same work becomes one sync.</summary>
    public int WebhookProcessingDelayMs { get; set; } = 50;

    /// <summary>How often the inbox is swept for entries no signal reached (another server received them, or a crash).</summary>
    public int WebhookSweepSeconds { get; set; } = 30;

    /// <summary>Delivery ids are remembered this long to ignore redeliveries; never less than 72 hours.</summary>
    public int WebhookDeliveryRetentionHours { get; set; } = 72;

    /// <summary>An inbox entry failing this many times is set aside (processed with its error) so it cannot block the others.</summary>
    public int WebhookMaxAttempts { get; set; } = 5;

    /// <summary>Lifetime of a connector's sync lease; it is renewed at a third of this while the run lasts.</summary>
    public int LeaseSeconds { get; set; } = 120;

    /// <summary>Used when a connector has no sync cron of its own.</summary>
    public string DefaultCron { get; set; } = "*/15 * * * *";

    /// <summary>The nightly full reconciliation (UTC) of every connector.</summary>
    public string ReconcileCron { get; set; } = "30 2 * * *";

    /// <summary>
    /// Whether this process keeps the recurring jobs in step with the connectors table (one process is enough; tests
    /// turn it off so no scheduled run interferes).
    /// </summary>
    public bool ScheduleRecurringJobs { get; set; } = true;

    /// <summary>How often the recurring jobs are brought in step with the connectors table.</summary>
    public int ScheduleRefreshSeconds { get; set; } = 60;

    /// <summary>
    /// Incremental fetches ask for items updated since the last watermark minus this overlap, so clock skew between us
    /// and the tracker (and minute-granular JQL dates) never loses an update; re-reading a few items is harmless.
    /// </summary>
    public int WatermarkOverlapSeconds { get; set; } = 120;

    public IReadOnlyList<string> Validate()
    {
        var problems = new List<string>();
        if (BatchSize is < 1 or > 500)
        {
            problems.Add("Sync:BatchSize must be between 1 and 500.");
        }

        if (WebhookProcessingDelayMs is < 0 or > 60_000)
        {
            problems.Add("Sync:WebhookProcessingDelayMs must be between 0 and 60000.");
        }

        if (WebhookDeliveryRetentionHours < 72)
        {
            problems.Add("Sync:WebhookDeliveryRetentionHours must be at least 72.");
        }

        if (LeaseSeconds < 10)
        {
            problems.Add("Sync:LeaseSeconds must be at least 10.");
        }

        if (WebhookSweepSeconds < 1 || ScheduleRefreshSeconds < 1 || WebhookMaxAttempts < 1 || WatermarkOverlapSeconds < 0)
        {
            problems.Add("Sync:WebhookSweepSeconds, ScheduleRefreshSeconds and WebhookMaxAttempts must be positive.");
        }

        return problems;
    }
}

/// <summary>The "OkrConnect" section's public address, used for links back from the tracker.</summary>
public sealed class PublicUrlOptions
{
    public const string Section = "OkrConnect";

    public string PublicBaseUrl { get; set; } = "http://localhost:5000";

    public string KeyResultUrl(Guid keyResultId) => $"{PublicBaseUrl.TrimEnd('/')}/key-results/{keyResultId}";
}
