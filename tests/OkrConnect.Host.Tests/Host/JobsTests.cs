using System.Collections.Concurrent;
using Hangfire;
using Hangfire.Storage.SQLite;
using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Host.Jobs;
using OkrConnect.Host.Tests.Infrastructure;
using OkrConnect.Storage;

namespace OkrConnect.Host.Tests.Host;

public sealed class JobsTests
{
    [Fact]
    public async Task Hangfire_keeps_its_own_SQLite_file_in_the_data_directory()
    {
        await using var factory = OkrConnectFactory.Create(new());

        var storage = factory.Services.GetRequiredService<JobStorage>();

        Assert.IsType<SQLiteStorage>(storage);
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, JobsOptions.SqliteFileName)));
        Assert.True(File.Exists(Path.Combine(factory.DataDirectory, StorageOptions.SqliteFileName)));
    }

    [Fact]
    public async Task The_in_process_server_runs_enqueued_jobs()
    {
        await using var factory = OkrConnectFactory.Create(new() { JobsServer = true });
        var marker = Guid.NewGuid().ToString("N");

        var jobId = factory.Services.GetRequiredService<IBackgroundJobClient>().Enqueue(() => RecordingJob.Run(marker));

        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!RecordingJob.Ran.ContainsKey(marker) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        Assert.True(RecordingJob.Ran.ContainsKey(marker), $"Job {jobId} did not run within 30 seconds.");
    }
}

/// <summary>A job the test can observe; public and static so Hangfire can serialise the call.</summary>
public static class RecordingJob
{
    public static ConcurrentDictionary<string, bool> Ran { get; } = new();

    public static void Run(string marker) => Ran[marker] = true;
}
