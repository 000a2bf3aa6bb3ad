using System.Security.Cryptography;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class SettingsTests
{
    [Fact]
    public void A_token_with_default_options_is_valid()
    {
        Assert.Empty(Validate("{}"));
        Assert.Empty(Validate(""));
    }

    [Fact]
    public void A_complete_app_configuration_is_valid()
    {
        using var key = RSA.Create(2048);
        var options = """
            {
              "auth": "app",
              "appId": 123456,
              "installationId": 7890123,
              "inProgressLabels": ["in progress", "status: doing"],
              "pointsLabelPattern": "^(?:points|size)[:/](\\d+(?:\\.\\d+)?)$",
              "maxConcurrentRequests": 2,
              "rateLimitReserve": 100,
              "maxRateLimitWaitSeconds": 600
            }
            """;

        Assert.Empty(Validate(options, key.ExportRSAPrivateKeyPem()));
        var settings = GitHubSettings.Parse(options, out _)!;
        Assert.True(settings.UsesApp);
        Assert.Equal(["in progress", "status: doing"], settings.InProgressLabels);
    }

    [Theory]
    [InlineData("""{"auth":"oauth"}""", "auth must be")]
    [InlineData("""{"auth":"app"}""", "appId is required")]
    [InlineData("""{"appId":5}""", "only apply to app auth")]
    [InlineData("""{"pointsLabelPattern":"points:\\d+"}""", "needs a capture group")]
    [InlineData("""{"pointsLabelPattern":"(unclosed"}""", "not a valid regular expression")]
    [InlineData("""{"maxConcurrentRequests":0}""", "maxConcurrentRequests")]
    [InlineData("""{"rateLimitReserve":-1}""", "rateLimitReserve")]
    [InlineData("""{"inProgressLabels":[""]}""", "empty names")]
    [InlineData("""{"inProgresLabels":["typo"]}""", "inProgresLabels")]
    [InlineData("""[1,2]""", "options are not valid")]
    public void Every_problem_is_explained(string options, string expected)
    {
        var problems = Validate(options);

        Assert.Contains(problems, p => p.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void Credentials_and_base_url_are_checked()
    {
        Assert.Contains(Validate("{}", credentials: null), p => p.Contains("personal access token is required", StringComparison.Ordinal));
        Assert.Contains(Validate("""{"auth":"app","appId":1}""", credentials: "ghp_not_a_key"), p => p.Contains("PEM", StringComparison.Ordinal));
        Assert.Contains(
            GitHubSettings.Validate(new ConnectorSettings(Guid.NewGuid(), "github.com", "{}", "t", null, "en"), out _),
            p => p.Contains("baseUrl", StringComparison.Ordinal));
    }

    [Fact]
    public void Invalid_settings_make_calls_fail_as_invalid_requests()
    {
        var failure = Assert.Throws<TrackerException>(() => GitHubSettings.Require(Settings("""{"maxConcurrentRequests":99}""")));

        Assert.Equal(TrackerErrorCategory.InvalidRequest, failure.Category);
    }

    [Fact]
    public void The_settings_record_never_prints_the_secret()
    {
        Assert.DoesNotContain("ghp_secret", Settings("{}", "ghp_secret").ToString(), StringComparison.Ordinal);
    }

    private static IReadOnlyList<string> Validate(string options, string? credentials = "ghp_token") =>
        GitHubSettings.Validate(Settings(options, credentials), out _);

    private static ConnectorSettings Settings(string options, string? credentials = "ghp_token") =>
        new(Guid.NewGuid(), "https://api.github.com", options, credentials, null, "en");
}
