using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Api;

/// <summary>A team-restricted objective does not exist for an outsider, wherever the cycle is shown.</summary>
public sealed class VisibilityTests(ReportScenario scenario) : IClassFixture<ReportScenario>
{
    [Fact]
    public async Task An_outsider_does_not_see_a_team_restricted_objective_in_the_map()
    {
        var outsider = await scenario.WebMember.GetJsonAsync($"/api/cycles/{scenario.Cycle.Id()}/map");
        var insider = await scenario.MobileMember.GetJsonAsync($"/api/cycles/{scenario.Cycle.Id()}/map");

        Assert.DoesNotContain("Secret mobile plan", outsider.GetRawText(), StringComparison.Ordinal);
        Assert.Contains("Secret mobile plan", insider.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_outsider_does_not_see_a_team_restricted_objective_in_the_coverage()
    {
        var outsider = await scenario.WebMember.GetJsonAsync($"/api/cycles/{scenario.Cycle.Id()}/coverage");
        var insider = await scenario.MobileMember.GetJsonAsync($"/api/cycles/{scenario.Cycle.Id()}/coverage");

        // The mobile objective's only key result is a metric without children: nothing to report, but its team sees it judged.
        Assert.DoesNotContain("Secret mobile plan", outsider.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Mobile installs", outsider.GetRawText(), StringComparison.Ordinal);
        var failing = Assert.Single(outsider.Items("failingLinks"));
        Assert.Equal((scenario.Checkout.Id(), "Jira answered 401 Unauthorized"), (failing.Get("keyResultId").GetGuid(), failing.Str("lastError")));
        Assert.Single(insider.Items("failingLinks"));
    }
}
