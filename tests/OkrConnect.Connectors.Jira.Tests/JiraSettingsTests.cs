using System.Text;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class JiraSettingsTests
{
    private static ConnectorSettings Connector(string options, string? credentials = "token", string baseUrl = "https://okr-demo.atlassian.net") =>
        new(Guid.NewGuid(), baseUrl, options, credentials, null, "en");

    [Fact]
    public void Defaults_follow_the_semantics()
    {
        var problems = JiraSettings.TryParse(Connector("""{"deployment":"cloud","email":"bot@example.com"}"""), out var settings);

        Assert.Empty(problems);
        Assert.NotNull(settings);
        Assert.Equal(JiraDeployment.Cloud, settings.Deployment);
        Assert.Equal(["Won't Do", "Won't Fix", "Duplicate", "Cannot Reproduce", "Declined"], settings.NotDoneResolutions);
        Assert.True(settings.CountSubtasks);
        Assert.Equal(JiraInProgressHandling.InProgress, settings.InProgressAs);
        Assert.Equal("okrconnect.progress", settings.PropertyKey);
        Assert.Equal(4, settings.MaxConcurrentRequests);
        Assert.Empty(settings.StoryPointFields);
    }

    [Fact]
    public void Reads_every_option()
    {
        var problems = JiraSettings.TryParse(Connector("""
            {
              // comments and trailing commas are fine in hand-written options
              "deployment": "datacenter",
              "storyPointFields": ["customfield_10105"],
              "epicLinkField": "customfield_10700",
              "notDoneResolutions": ["Rejected"],
              "inProgressAs": "to-do",
              "countSubtasks": false,
              "writeBackField": "customfield_10100",
              "propertyKey": "acme.okr",
              "maxConcurrentRequests": 2,
            }
            """), out var settings);

        Assert.Empty(problems);
        Assert.Equal(JiraDeployment.DataCenter, settings!.Deployment);
        Assert.Equal(["customfield_10105"], settings.StoryPointFields);
        Assert.Equal("customfield_10700", settings.EpicLinkField);
        Assert.Equal(["Rejected"], settings.NotDoneResolutions);
        Assert.Equal(JiraInProgressHandling.ToDo, settings.InProgressAs);
        Assert.False(settings.CountSubtasks);
        Assert.Equal("customfield_10100", settings.WriteBackField);
        Assert.Equal("acme.okr", settings.PropertyKey);
        Assert.Equal(2, settings.MaxConcurrentRequests);
        Assert.Equal("2", settings.ApiVersion);
    }

    [Theory]
    [InlineData("""{}""", "deployment is required")]
    [InlineData("""{"deployment":"onprem"}""", "deployment \"onprem\" is not")]
    [InlineData("""{"deployment":"cloud","email":"bot@example.com","storyPointField":"customfield_1"}""", "storyPointField")]
    [InlineData("""{"deployment":"cloud","email":"bot@example.com","storyPointFields":["Story Points"]}""", "is not a field id")]
    [InlineData("""{"deployment":"cloud","email":"bot@example.com","maxConcurrentRequests":0}""", "maxConcurrentRequests 0 is outside 1–64")]
    [InlineData("""{"deployment":"cloud","email":"bot@example.com","inProgressAs":"half"}""", "inProgressAs")]
    [InlineData("""{"deployment":"cloud","email":"not-an-email"}""", "is not an e-mail address")]
    [InlineData("""{"deployment":"cloud"}""", "Cloud needs an account e-mail")]
    [InlineData("""not json""", "not valid JSON")]
    public void Reports_what_is_wrong(string options, string expected)
    {
        var problems = JiraSettings.TryParse(Connector(options), out var settings);

        Assert.Null(settings);
        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Requires_credentials_and_an_http_base_url()
    {
        Assert.Contains("credentials are required", JiraSettings.TryParse(Connector("""{"deployment":"datacenter"}""", credentials: null), out _)[0], StringComparison.Ordinal);
        Assert.Contains("is not an absolute http(s) URL", JiraSettings.TryParse(Connector("""{"deployment":"datacenter"}""", baseUrl: "jira.local"), out _)[0], StringComparison.Ordinal);
    }

    [Fact]
    public void Cloud_uses_basic_auth_with_the_email_and_the_token_or_an_email_token_pair()
    {
        JiraSettings.TryParse(Connector("""{"deployment":"cloud","email":"bot@example.com"}"""), out var withEmail);
        JiraSettings.TryParse(Connector("""{"deployment":"cloud"}""", credentials: "bot@example.com:token"), out var withPair);

        var expected = Convert.ToBase64String(Encoding.UTF8.GetBytes("bot@example.com:token"));
        Assert.Equal($"Basic {expected}", withEmail!.AuthorizationFor("token").ToString());
        Assert.Equal($"Basic {expected}", withPair!.AuthorizationFor("bot@example.com:token").ToString());
    }

    [Fact]
    public void Data_center_uses_a_bearer_personal_access_token()
    {
        JiraSettings.TryParse(Connector("""{"deployment":"datacenter"}"""), out var settings);

        Assert.Equal("Bearer pat-123", settings!.AuthorizationFor("pat-123").ToString());
    }
}
