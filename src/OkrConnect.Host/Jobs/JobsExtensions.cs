using Hangfire;
using Hangfire.AspNetCore;
using Microsoft.Extensions.Options;
using OkrConnect.Storage;

namespace OkrConnect.Host.Jobs;

// Owner: security/host. Hangfire server in-process: SQLite storage in its own file by default, PostgreSQL when Storage:Provider is postgres.
public static class JobsExtensions
{
    public static WebApplicationBuilder AddOkrConnectJobs(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<JobsOptions>()
            .Bind(builder.Configuration.GetSection(JobsOptions.Section))
            .Validate(o => o.WorkerCount is null or >= 1, "Jobs:WorkerCount must be at least 1 (or left out for Hangfire's default).")
            .Validate(o => o.PollInterval > TimeSpan.Zero, "Jobs:PollInterval must be positive, e.g. 00:00:15.")
            .ValidateOnStart();

        // Our own JobStorage singleton: Hangfire's default resolves the static JobStorage.Current, which several hosts
        // in one process (the tests) would overwrite for each other.
        services.AddSingleton<JobStorage>(provider => JobStorageFactory.Create(
            provider.GetRequiredService<IOptions<StorageOptions>>().Value,
            provider.GetRequiredService<IOptions<JobsOptions>>().Value));
        services.AddSingleton<JobActivator>(provider => new AspNetCoreJobActivator(provider.GetRequiredService<IServiceScopeFactory>()));
        services.AddHangfire((provider, configuration) => configuration
            .SetDataCompatibilityLevel(CompatibilityLevel.Version_180)
            .UseSimpleAssemblyNameTypeSerializer()
            .UseRecommendedSerializerSettings()
            .UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()))
            .UseStorage(provider.GetRequiredService<JobStorage>()));

        var jobs = builder.Configuration.GetSection(JobsOptions.Section).Get<JobsOptions>() ?? new JobsOptions();
        if (jobs.Enabled)
        {
            services.AddHangfireServer((provider, server) =>
            {
                var options = provider.GetRequiredService<IOptions<JobsOptions>>().Value;
                if (options.WorkerCount is { } workers)
                {
                    server.WorkerCount = workers;
                }

                server.SchedulePollingInterval = options.PollInterval;
                server.ShutdownTimeout = TimeSpan.FromSeconds(10);
            });
        }

        return builder;
    }

    public static WebApplication UseOkrConnectJobs(this WebApplication app)
    {
        app.UseHangfireDashboard(JobsOptions.DashboardPath, new DashboardOptions
        {
            Authorization = [],
            AsyncAuthorization = [new DashboardAuthorization()],
            DisplayStorageConnectionString = false,
            DashboardTitle = "OkrConnect jobs",
            AppPath = null,
        });
        return app;
    }
}
