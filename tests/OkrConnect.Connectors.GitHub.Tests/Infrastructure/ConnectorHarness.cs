using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub.Tests.Infrastructure;

/// <summary>
/// The connector as the host registers it (<c>AddGitHubConnector</c>), pointed at a <see cref="GitHubApiServer"/>,
/// on fake time, with retry delays shrunk to nothing.
/// </summary>
public sealed class ConnectorHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 3, 2, 10, 0, 0, TimeSpan.Zero);

    private readonly ServiceProvider _services;

    public ConnectorHarness(Action<GitHubConnectorOptions>? configure = null)
    {
        Time = new WaitAwareTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddGitHubConnector(options =>
        {
            options.TransientRetryDelay = TimeSpan.Zero;
            options.MaxTransientRetries = 2;

            // Far beyond any wait a test advances through, so an attempt in flight is never mistaken for a wait.
            options.AttemptTimeout = TimeSpan.FromDays(1);
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider();
        Connector = _services.GetServices<ITrackerConnector>().OfType<GitHubConnector>().Single();
    }

    public GitHubApiServer Server { get; } = new();

    public WaitAwareTimeProvider Time { get; }

    public GitHubConnector Connector { get; }

    public Guid ConnectorId { get; } = Guid.NewGuid();

    public ConnectorSettings Settings(string options = "{}", string? credentials = "ghp_test_token", string? webhookSecret = "hook-secret", string locale = "en") =>
        new(ConnectorId, Server.Url, options, credentials, webhookSecret, locale);

    /// <summary>
    /// Advances fake time in steps until the task completes, checking <paramref name="whileWaiting"/> at each step.
    /// Time moves only while the connector waits on it (see <see cref="WaitAwareTimeProvider"/>), never under a request
    /// in flight, so the checks see what was sent before the wait however slowly the machine runs.
    /// </summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step, TimeSpan limit, Action? whileWaiting = null)
    {
        var advanced = TimeSpan.Zero;
        while (!await Time.CompletedOrWaitingAsync(task, TimeSpan.FromSeconds(30)))
        {
            whileWaiting?.Invoke();
            Assert.True(advanced < limit, $"still waiting after {advanced} of fake time");
            Time.Advance(step);
            advanced += step;
        }

        return await task;
    }

    public void Dispose()
    {
        Server.Dispose();
        _services.Dispose();
    }
}
