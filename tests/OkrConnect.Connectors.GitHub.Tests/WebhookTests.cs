using System.Security.Cryptography;
using System.Text;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class WebhookTests : IDisposable
{
    private const string Secret = "hook-secret";

    private readonly ConnectorHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public void Verifies_githubs_documented_test_vector()
    {
        // https://docs.github.com/en/webhooks/using-webhooks/validating-webhook-deliveries#testing-the-webhook-payload-validation
        var body = Encoding.UTF8.GetBytes("Hello, World!");
        const string signature = "sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17";

        Assert.True(GitHubWebhookParser.SignatureValid("It's a Secret to Everybody", signature, body));
        Assert.False(GitHubWebhookParser.SignatureValid("It's a Secret to Everybody", signature, Encoding.UTF8.GetBytes("Hello, World?")));
        Assert.False(GitHubWebhookParser.SignatureValid("another secret", signature, body));
        Assert.False(GitHubWebhookParser.SignatureValid("It's a Secret to Everybody", signature.Replace("sha256=", "sha1=", StringComparison.Ordinal), body));
        Assert.False(GitHubWebhookParser.SignatureValid("It's a Secret to Everybody", "sha256=not-hex", body));
        Assert.False(GitHubWebhookParser.SignatureValid(null, signature, body));
    }

    [Fact]
    public void A_ping_is_valid_names_its_delivery_and_touches_nothing()
    {
        var result = Parse("ping", "github-webhooks/ping.payload.json");

        Assert.True(result.SignatureValid);
        Assert.Equal("72d3162e-cc78-11e3-81ab-4c9367dc0958", result.DeliveryId);
        Assert.Equal("ping", result.EventType);
        Assert.Empty(result.ItemExternalIds);
        Assert.Empty(result.Targets);
    }

    [Fact]
    public void A_bad_signature_or_a_connector_without_a_secret_accepts_nothing()
    {
        var body = Fixture.Bytes("github-webhooks/issues.opened.payload.json");
        var forged = Deliver("issues", body, signWith: "guessed");
        var unsigned = new WebhookDelivery(new Dictionary<string, string> { ["X-GitHub-Event"] = "issues" }, body);

        var wrong = _harness.Connector.ParseWebhook(_harness.Settings(), forged);
        var noSecret = _harness.Connector.ParseWebhook(_harness.Settings(webhookSecret: null), Deliver("issues", body));
        var missing = _harness.Connector.ParseWebhook(_harness.Settings(), unsigned);

        Assert.All(new[] { wrong, noSecret, missing }, result =>
        {
            Assert.False(result.SignatureValid);
            Assert.Empty(result.ItemExternalIds);
            Assert.Empty(result.Targets);
        });
    }

    [Fact]
    public void An_opened_issue_is_a_work_item_and_names_itself_its_milestone_and_its_labels_as_targets()
    {
        var result = Parse("issues", "github-webhooks/issues.opened.payload.json");

        Assert.True(result.SignatureValid);
        Assert.Equal(["Codertocat/Hello-World#1"], result.ItemExternalIds);
        Assert.Equal(
            [
                new TargetRef(GitHubTargetKinds.Issue, "Codertocat/Hello-World#1"),
                new TargetRef(GitHubTargetKinds.Milestone, "Codertocat/Hello-World/1"),
                new TargetRef(GitHubTargetKinds.Milestone, "Codertocat/Hello-World/v1.0"),
                new TargetRef(GitHubTargetKinds.Label, "Codertocat/Hello-World:bug"),
            ],
            result.Targets);
    }

    [Theory]
    [InlineData("github-webhooks/issues.edited.payload.json")]
    [InlineData("github-webhooks/issues.reopened.payload.json")]
    [InlineData("github-webhooks/issues.labeled.payload.json")]
    [InlineData("github-webhooks/issues.unlabeled.payload.json")]
    public void Every_issue_action_touches_the_issue(string fixture)
    {
        var result = Parse("issues", fixture);

        Assert.Contains("Codertocat/Hello-World#1", result.ItemExternalIds);
        Assert.Contains(new TargetRef(GitHubTargetKinds.Issue, "Codertocat/Hello-World#1"), result.Targets);
        Assert.Contains(new TargetRef(GitHubTargetKinds.Label, "Codertocat/Hello-World:bug"), result.Targets);
    }

    [Theory]
    [InlineData("github-webhooks/issues.milestoned.payload.json")]
    [InlineData("github-webhooks/issues.demilestoned.payload.json")]
    public void A_pull_request_arriving_as_an_issues_event_is_ignored(string fixture)
    {
        var result = Parse("issues", fixture);

        Assert.True(result.SignatureValid);
        Assert.Empty(result.ItemExternalIds);
        Assert.Empty(result.Targets);
    }

    [Fact]
    public void A_transfer_touches_the_issue_on_both_sides()
    {
        var leaving = Parse("issues", "github-webhooks/issues.transferred.payload.json");
        var arriving = Parse("issues", "github-webhooks/issues.opened.with-transfer.payload.json");

        Assert.Equal(2, leaving.ItemExternalIds.Count);
        Assert.Contains("Codertocat/Hello-World#1", leaving.ItemExternalIds);
        Assert.Equal(2, arriving.ItemExternalIds.Count);
        Assert.Contains("Codertocat/Hello-World#1", arriving.ItemExternalIds);
    }

    [Fact]
    public void A_milestone_event_names_the_milestone_by_number_and_by_title()
    {
        var result = Parse("milestone", "github-webhooks/milestone.closed.payload.json");

        Assert.Empty(result.ItemExternalIds);
        Assert.Equal(
            [new TargetRef(GitHubTargetKinds.Milestone, "Codertocat/Hello-World/1"), new TargetRef(GitHubTargetKinds.Milestone, "Codertocat/Hello-World/v1.0")],
            result.Targets);
    }

    [Fact]
    public void A_sub_issue_added_from_another_repository_touches_the_sub_issue_and_its_parent()
    {
        // Shape from https://docs.github.com/en/webhooks/webhook-events-and-payloads#sub_issues (no public recording).
        var body = Encoding.UTF8.GetBytes($$"""
            {
              "action": "sub_issue_added",
              "parent_issue_id": 5042,
              "parent_issue": {{Fixture.Issue(42, repository: "octo-org/roadmap").ToJsonString()}},
              "sub_issue_id": 5007,
              "sub_issue": {{Fixture.Issue(7, repository: "octo-org/api").ToJsonString()}},
              "sub_issue_repo": { "id": 2, "name": "api", "full_name": "octo-org/api" },
              "repository": { "id": 1, "name": "roadmap", "full_name": "octo-org/roadmap" }
            }
            """);

        var result = _harness.Connector.ParseWebhook(_harness.Settings(), Deliver("sub_issues", body));

        Assert.Equal(["octo-org/api#7"], result.ItemExternalIds);
        Assert.Equal([new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42")], result.Targets);
    }

    [Fact]
    public void Comment_events_and_unreadable_or_sparse_bodies_touch_nothing_and_do_not_throw()
    {
        var comment = Parse("issue_comment", "github-webhooks/issue_comment.created.payload.json");
        var sparse = _harness.Connector.ParseWebhook(_harness.Settings(), Deliver("issues", Encoding.UTF8.GetBytes("""{"action":"opened","issue":{"title":"no number"}}""")));
        var garbage = _harness.Connector.ParseWebhook(_harness.Settings(), Deliver("issues", Encoding.UTF8.GetBytes("not json")));

        Assert.All(new[] { comment, sparse, garbage }, result =>
        {
            Assert.True(result.SignatureValid);
            Assert.Empty(result.ItemExternalIds);
            Assert.Empty(result.Targets);
        });
    }

    [Fact]
    public void Header_names_are_matched_whatever_their_case()
    {
        var body = Fixture.Bytes("github-webhooks/issues.opened.payload.json");
        var delivery = new WebhookDelivery(
            new Dictionary<string, string>
            {
                ["x-github-event"] = "issues",
                ["x-github-delivery"] = "abc",
                ["x-hub-signature-256"] = Sign(body, Secret),
            },
            body);

        var result = _harness.Connector.ParseWebhook(_harness.Settings(), delivery);

        Assert.True(result.SignatureValid);
        Assert.Equal("abc", result.DeliveryId);
        Assert.NotEmpty(result.ItemExternalIds);
    }

    private WebhookParseResult Parse(string eventType, string fixture) =>
        _harness.Connector.ParseWebhook(_harness.Settings(webhookSecret: Secret), Deliver(eventType, Fixture.Bytes(fixture)));

    private static WebhookDelivery Deliver(string eventType, byte[] body, string signWith = Secret) => new(
        new Dictionary<string, string>
        {
            ["X-GitHub-Event"] = eventType,
            ["X-GitHub-Delivery"] = "72d3162e-cc78-11e3-81ab-4c9367dc0958",
            ["X-Hub-Signature-256"] = Sign(body, signWith),
            ["Content-Type"] = "application/json",
        },
        body);

    private static string Sign(byte[] body, string secret) =>
        "sha256=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), body));
}
