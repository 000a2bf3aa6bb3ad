using System.Net;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Host;

/// <summary>
/// Hangfire's log provider is a process-wide static that the last host built takes over. A host must keep working
/// after another host in the same process is disposed (this was the intermittent 500 of the end-to-end tests).
/// </summary>
public sealed class HangfireLoggingTests
{
    [Fact]
    public async Task A_host_queues_jobs_after_another_host_in_the_process_is_disposed()
    {
        using var first = new OkrConnectFactory();
        var admin = first.CreateClientFor(Role.Admin);
        var connector = await new OkrSeed(admin).ConnectorAsync();

        // The second host is built last, so Hangfire's static log provider now belongs to it; then it goes away.
        using (var second = new OkrConnectFactory())
        {
            second.CreateClient().Dispose();
        }

        // The first host's job client is created only now, through the process-wide provider.
        var response = await admin.PostAsync($"/api/connectors/{connector.Id}/sync", null);

        Assert.True(response.StatusCode == HttpStatusCode.Accepted, await response.Content.ReadAsStringAsync());
    }
}
