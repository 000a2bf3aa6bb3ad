using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.CheckIns;
using OkrConnect.Host.Api.Progress;
using OkrConnect.Host.Tests.Api.Support;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Api;

/// <summary>The host on a clock the test holds: timestamps, expected pace and check-in rhythm follow it.</summary>
public sealed class ClockControlledRiskTests(ClockControlledRiskTests.FixedClockFactory factory) : IClassFixture<ClockControlledRiskTests.FixedClockFactory>
{
    [Fact]
    public async Task Pace_confidence_and_silence_put_a_key_result_at_risk()
    {
        // Tokens are checked against the real clock, so mint them before the test moves time on.
        var manager = factory.CreateClientFor(Role.Manager, "alice");
        var seed = new OkrSeed(manager);
        var today = DateOnly.FromDateTime(factory.Clock.Now.UtcDateTime);
        var cycle = await seed.CycleAsync(start: today.AddDays(-50), end: today.AddDays(49));
        var objective = await seed.ObjectiveAsync(cycle.Id);
        var keyResult = await seed.MetricAsync(objective.Id, 20, owner: "alice");

        var behind = await ProgressAsync(manager, keyResult.Id);
        var checkIn = await (await manager.PostJsonAsync($"/api/key-results/{keyResult.Id}/check-ins", new { confidence = 3, status = "at-risk" }))
            .ReadAsync<CheckInResponse>(HttpStatusCode.Created);
        var doubtful = await ProgressAsync(manager, keyResult.Id);
        factory.Clock.Now = factory.Clock.Now.AddDays(15);
        var silent = await ProgressAsync(manager, keyResult.Id);

        Assert.Equal(factory.Clock.Now.AddDays(-15), checkIn.CreatedAt);
        Assert.Equal((0.5, 0.2), (behind.ExpectedProgress, behind.Value!.Value));
        Assert.Equal(["behind-pace"], behind.Reasons.Select(r => r.Code));
        Assert.Equal(["behind-pace", "low-confidence"], doubtful.Reasons.Select(r => r.Code));
        Assert.Equal(0.65, silent.ExpectedProgress, 10);
        Assert.Equal(["behind-pace", "low-confidence", "no-recent-check-in"], silent.Reasons.Select(r => r.Code));
    }

    private static async Task<KeyResultProgressResponse> ProgressAsync(HttpClient client, Guid id) =>
        await (await client.GetAsync($"/api/key-results/{id}/progress")).ReadAsync<KeyResultProgressResponse>();

    public sealed class FixedClockFactory : OkrConnectFactory
    {
        // Whole seconds, a little in the past, so tokens minted on this clock are valid by the real one.
        public FixedClock Clock { get; } = new(DateTimeOffset.FromUnixTimeSeconds(DateTimeOffset.UtcNow.AddMinutes(-10).ToUnixTimeSeconds()));

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services =>
            {
                services.RemoveAll<TimeProvider>();
                services.AddSingleton<TimeProvider>(Clock);
            });
        }
    }
}
