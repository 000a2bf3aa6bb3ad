using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class RegistrationTests
{
    [Fact]
    public void Registers_one_jira_connector_even_when_called_twice()
    {
        using var provider = new ServiceCollection().AddJiraConnector().AddJiraConnector().BuildServiceProvider();

        var connector = Assert.Single(provider.GetServices<ITrackerConnector>());
        Assert.Equal("jira", connector.Kind);
        Assert.Same(connector, provider.GetServices<ITrackerConnector>().Single());
        Assert.True(connector.Capabilities.HasFlag(ConnectorCapabilities.IncrementalFetch | ConnectorCapabilities.Webhooks | ConnectorCapabilities.CommentWriteBack));
    }
}
