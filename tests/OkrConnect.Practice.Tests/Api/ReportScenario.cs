using System.Text.Json;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;
using OkrConnect.Core.Practice;
using OkrConnect.Host.Security;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

/// <summary>
/// One team's week, built once through the API on a fake clock: check-ins eight days apart, stored history for a work
/// key result whose link is failing, and a team-restricted objective of another team. The report is read "now", eight
/// days after the first check-ins, so "a week ago" falls between the two.
/// </summary>
public sealed class ReportScenario : IAsyncLifetime
{
    public PracticeFactory Factory { get; } = new();

    public HttpClient Manager { get; private set; } = null!;

    public HttpClient WebMember { get; private set; } = null!;

    public HttpClient MobileMember { get; private set; } = null!;

    public JsonElement Cycle { get; private set; }

    public JsonElement Web { get; private set; }

    public JsonElement Mobile { get; private set; }

    /// <summary>Metric, check-ins 20 % (confidence 5) then 50 % (confidence 7).</summary>
    public JsonElement Signups { get; private set; }

    /// <summary>Work, history 10 % then 40 %, its link failing; never checked in.</summary>
    public JsonElement Checkout { get; private set; }

    /// <summary>Metric, check-ins confidence 6 then 3: at risk.</summary>
    public JsonElement Latency { get; private set; }

    public string Week => IsoWeek.Containing(Factory.Clock.GetUtcNow()).ToString();

    public async Task InitializeAsync()
    {
        Manager = Factory.CreateClientFor(Role.Manager, "maria", "web");
        WebMember = Factory.CreateClientFor(Role.Member, "wes", "web");
        MobileMember = Factory.CreateClientFor(Role.Member, "mo", "mobile");
        var admin = Factory.CreateClientFor(Role.Admin, "root");
        var seed = new Seed(Manager);
        var t0 = Factory.Clock.GetUtcNow();
        var today = Factory.Today;

        Cycle = await seed.CycleAsync(today.AddDays(-30), today.AddDays(60), name: "2026-Q4");
        Web = await seed.ObjectiveAsync(Cycle.Id(), "Grow the web shop", team: "web");
        Mobile = await seed.ObjectiveAsync(Cycle.Id(), "Secret mobile plan", visibility: "team", team: "mobile");
        await seed.MetricAsync(Mobile.Id(), 10, "Mobile installs");
        Signups = await seed.MetricAsync(Web.Id(), null, "Sign-ups | weekly", owner: "maria");
        Checkout = await seed.KeyResultAsync(Web.Id(), "Checkout revamp", owner: "maria");
        Latency = await seed.MetricAsync(Web.Id(), 30, "Latency budget", owner: "maria");

        await seed.CheckInAsync(Signups.Id(), 5, value: 20);
        await seed.CheckInAsync(Latency.Id(), 6);

        var connector = await new Seed(admin).UninstalledConnectorAsync();
        var link = await seed.LinkAsync(Checkout.Id(), connector.Id(), targetKey: "SHOP-1");
        var progress = Factory.Service<IProgressRepository>();
        await progress.RecordKeyResultProgressAsync(new ProgressHistoryEntry(Checkout.Id(), 0.1, """{"v":1}""", "sync", t0.AddDays(-2)));
        await progress.RecordKeyResultProgressAsync(new ProgressHistoryEntry(Checkout.Id(), 0.4, """{"v":4}""", "sync", t0.AddDays(7)));
        await progress.UpsertLinkProgressAsync(new LinkProgressRecord(
            link.Id(), 0.4, "{}", t0.AddDays(7), t0.AddDays(7), Stale: true, LastError: "Jira answered 401 Unauthorized"));

        Factory.Clock.Advance(TimeSpan.FromDays(8));
        await seed.CheckInAsync(Signups.Id(), 7, value: 50);
        await seed.CheckInAsync(Latency.Id(), 3, status: "at-risk");
    }

    public Task DisposeAsync()
    {
        Factory.Dispose();
        return Task.CompletedTask;
    }
}
