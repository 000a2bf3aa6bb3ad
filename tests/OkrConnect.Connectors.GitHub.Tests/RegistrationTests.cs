using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void One_line_registers_the_connector_once_as_a_tracker_connector()
    {
        var services = new ServiceCollection();
        services.AddGitHubConnector();
        services.AddGitHubConnector();
        using var provider = services.BuildServiceProvider();

        var connector = Assert.Single(provider.GetServices<ITrackerConnector>());
        Assert.Equal("github", connector.Kind);
        Assert.Equal(
            ConnectorCapabilities.IncrementalFetch | ConnectorCapabilities.Webhooks | ConnectorCapabilities.CommentWriteBack | ConnectorCapabilities.FieldWriteBack
            | ConnectorCapabilities.ReminderComments,
            connector.Capabilities);
        Assert.Same(connector, provider.GetRequiredService<GitHubConnector>());
    }
}
