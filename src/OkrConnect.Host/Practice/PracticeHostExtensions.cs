using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OkrConnect.Host.Practice;
using OkrConnect.Host.Practice.Coverage;
using OkrConnect.Host.Practice.Decomposition;
using OkrConnect.Host.Practice.Reminders;
using OkrConnect.Host.Practice.Reports;
using OkrConnect.Host.Practice.Scoring;
using OkrConnect.Host.Security;
using OkrConnect.Notifications;
using OkrConnect.Storage.Practice;

namespace OkrConnect.Host;

// Owner: practice (issue 6). In the host's root namespace, like the other Add…/Map… extensions Program.cs calls: weekly
// reports, decomposition, coverage, reminders with chat delivery, and cycle close with scoring.
public static class PracticeHostExtensions
{
    public static WebApplicationBuilder AddOkrConnectPractice(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        var section = builder.Configuration.GetSection(ReminderOptions.Section);
        services.AddOptions<ReminderOptions>().Bind(section).ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ReminderOptions>, ReminderOptionsValidator>());

        var reminders = section.Get<ReminderOptions>() ?? new ReminderOptions();
        services.AddOkrConnectPracticeStorage();
        services.AddOkrConnectNotifications(reminders.HttpTimeout);
        services.TryAddSingleton(TimeProvider.System);

        services.AddScoped<WeeklyReportLoader>();
        services.AddScoped<CoverageLoader>();
        services.AddScoped<ReminderChannelSecrets>();
        services.AddScoped<ReminderSettingsEditor>();
        services.AddScoped<ReminderEvaluation>();
        services.AddScoped<ReminderDispatch>();
        services.AddScoped<TrackerReminderTargets>();
        services.AddScoped<TrackerReminderSender>();
        services.AddScoped<ReminderJobs>();
        services.AddScoped<CycleClosing>();
        services.AddScoped<ScoreSheetLoader>();
        services.AddHostedService<ReminderSchedule>();
        return builder;
    }

    public static WebApplication MapPracticeApi(this WebApplication app)
    {
        var api = app.MapGroup("/api").RequireAuthorization(Policies.RequireViewer).ProducesProblem(StatusCodes.Status401Unauthorized);
        api.MapWeeklyReportApi();
        api.MapDecompositionApi();
        api.MapCoverageApi();
        api.MapRemindersApi();
        api.MapTrackerAccountsApi();
        api.MapCycleCloseApi();
        api.MapScoresApi();
        api.MapRetrospectivesApi();
        return app;
    }
}
