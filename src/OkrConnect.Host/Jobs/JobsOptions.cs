namespace OkrConnect.Host.Jobs;

/// <summary>The <c>Jobs</c> configuration section.</summary>
public sealed class JobsOptions
{
    public const string Section = "Jobs";

    /// <summary>The SQLite job store, a file of its own beside the application database so job churn never locks it.</summary>
    public const string SqliteFileName = "hangfire.db";

    /// <summary>The PostgreSQL schema of the job store, in the application's database.</summary>
    public const string PostgresSchema = "hangfire";

    public const string DashboardPath = "/hangfire";

    /// <summary>Runs the job server in this process. Off, jobs can still be enqueued and are run by another server.</summary>
    public bool Enabled { get; set; } = true;

    /// <summary>Concurrent jobs; null means Hangfire's default (5 per processor, at most 20).</summary>
    public int? WorkerCount { get; set; }

    /// <summary>How often idle workers look for new jobs.</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(15);
}
