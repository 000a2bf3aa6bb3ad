using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
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
        Time = new FakeTimeProvider(Start);
        var services = new ServiceCollection();
        services.AddSingleton<TimeProvider>(Time);
        services.AddGitHubConnector(options =>
        {
            options.TransientRetryDelay = TimeSpan.Zero;
            options.MaxTransientRetries = 2;
            configure?.Invoke(options);
        });
        _services = services.BuildServiceProvider();
        Connector = _services.GetServices<ITrackerConnector>().OfType<GitHubConnector>().Single();
    }

    public GitHubApiServer Server { get; } = new();

    public FakeTimeProvider Time { get; }

    public GitHubConnector Connector { get; }

    public Guid ConnectorId { get; } = Guid.NewGuid();

    public ConnectorSettings Settings(string options = "{}", string? credentials = "ghp_test_token", string? webhookSecret = "hook-secret", string locale = "en") =>
        new(ConnectorId, Server.Url, options, credentials, webhookSecret, locale);

    /// <summary>Advances fake time in steps until the task completes, checking <paramref name="whileWaiting"/> at each step.</summary>
    public async Task<T> AdvanceUntilDoneAsync<T>(Task<T> task, TimeSpan step, TimeSpan limit, Action? whileWaiting = null)
    {
        var advanced = TimeSpan.Zero;
        while (!task.IsCompleted)
        {
            // Real time for the connector to reach its next wait; fake time is what it waits on.
            await Task.WhenAny(task, Task.Delay(50));
            if (task.IsCompleted)
            {
                break;
            }

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
