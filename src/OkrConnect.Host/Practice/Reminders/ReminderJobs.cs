using Hangfire;

namespace OkrConnect.Host.Practice.Reminders;

/// <summary>
/// Hangfire entry points with stable recurring ids. Both are reentrant (unique delivery keys, atomic claims), so an
/// overlapping or repeated run does no harm. Hangfire's own retries are off: a delivery has its own bounded retries,
/// and re-running a whole evaluation would only find nothing new.
/// </summary>
public sealed class ReminderJobs(ReminderEvaluation evaluation, ReminderDispatch dispatch, ILogger<ReminderJobs> logger)
{
    public const string EvaluateJobId = "reminders:evaluate";
    public const string DeliverJobId = "reminders:deliver";

    [AutomaticRetry(Attempts = 0)]
    public async Task EvaluateAsync(CancellationToken ct)
    {
        var queued = await evaluation.RunAsync(ct);
        var sent = await dispatch.RunAsync(ct);
        logger.LogInformation(
            "Reminders evaluated: {Queued} queued, {Delivered} delivered, {Retrying} to retry, {Failed} failed",
            queued, sent.Delivered, sent.Retrying, sent.Failed);
    }

    [AutomaticRetry(Attempts = 0)]
    public async Task DeliverAsync(CancellationToken ct)
    {
        var sent = await dispatch.RunAsync(ct);
        if (sent.Delivered + sent.Retrying + sent.Failed > 0)
        {
            logger.LogInformation(
                "Reminder deliveries: {Delivered} delivered, {Retrying} to retry, {Failed} failed", sent.Delivered, sent.Retrying, sent.Failed);
        }
    }
}
