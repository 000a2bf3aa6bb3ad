using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;

namespace OkrConnect.Connectors.Jira.Tests;

public sealed class WebhookTests : IDisposable
{
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    private WebhookParseResult Parse(string fixture, Func<byte[], string?> signature, ConnectorSettings? settings = null)
    {
        var body = Fixture.Bytes(fixture);
        var headers = new Dictionary<string, string> { ["x-atlassian-webhook-identifier"] = "b4e8e6f0-delivery-1" };
        if (signature(body) is { } value)
        {
            headers["x-hub-signature"] = value; // lower-case, as most proxies forward them
        }

        return _jira.Connector.ParseWebhook(settings ?? _jira.Cloud(), new WebhookDelivery(headers, body));
    }

    [Fact]
    public void A_signed_issue_created_names_the_issue_and_the_delivery()
    {
        var result = Parse("jira-webhooks/issue_created.json", body => JiraSite.Sign(body));

        Assert.True(result.SignatureValid);
        Assert.Equal("b4e8e6f0-delivery-1", result.DeliveryId);
        Assert.Equal("jira:issue_created", result.EventType);
        Assert.Equal(["TEST-4"], result.ItemExternalIds);
        Assert.Empty(result.Targets); // the recorded issue has no parent
    }

    [Fact]
    public void A_signed_cloud_update_targets_the_parent_epic_and_the_epic_it_left()
    {
        var result = Parse("webhooks/cloud-issue-updated-parent.json", body => JiraSite.Sign(body));

        Assert.True(result.SignatureValid);
        Assert.Equal("jira:issue_updated", result.EventType);
        Assert.Equal(["OKR-102"], result.ItemExternalIds);
        Assert.Equal([new TargetRef("jira-epic", "OKR-1"), new TargetRef("jira-epic", "OKR-2")], result.Targets);
    }

    [Fact]
    public void Status_changes_from_server_webhooks_are_parsed()
    {
        var result = Parse("jira-webhooks/issue_updated_status_updated.json", body => JiraSite.Sign(body));

        Assert.Equal(["TEST-11"], result.ItemExternalIds);
    }

    [Fact]
    public void Comment_events_are_verified_but_touch_no_items()
    {
        var result = Parse("jira-webhooks/cloud_comment_added.json", body => JiraSite.Sign(body));

        Assert.True(result.SignatureValid);
        Assert.Equal("comment_created", result.EventType);
        Assert.Empty(result.ItemExternalIds);
    }

    [Theory]
    [InlineData("sha256=0000000000000000000000000000000000000000000000000000000000000000")]
    [InlineData("sha256=not-hex")]
    [InlineData("sha1=abcdef")]
    [InlineData(null)]
    public void A_bad_or_missing_signature_is_rejected_and_nothing_is_parsed(string? signature)
    {
        var result = Parse("jira-webhooks/issue_created.json", _ => signature);

        Assert.False(result.SignatureValid);
        Assert.Equal("b4e8e6f0-delivery-1", result.DeliveryId);
        Assert.Null(result.EventType);
        Assert.Empty(result.ItemExternalIds);
    }

    [Fact]
    public void A_signature_made_with_another_secret_is_rejected()
    {
        Assert.False(Parse("jira-webhooks/issue_created.json", body => JiraSite.Sign(body, "another secret")).SignatureValid);
    }

    [Fact]
    public void Without_a_configured_secret_nothing_verifies()
    {
        var settings = _jira.Cloud() with { WebhookSecret = null };

        Assert.False(Parse("jira-webhooks/issue_created.json", body => JiraSite.Sign(body), settings).SignatureValid);
    }
}
