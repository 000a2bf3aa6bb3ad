using System.Text.Json.Nodes;
using OkrConnect.Connectors.Jira.Tests.Support;
using OkrConnect.Core.Connectors;
using WireMock.RequestBuilders;

namespace OkrConnect.Connectors.Jira.Tests;

/// <summary>
/// Reminder comments (<see cref="IReminderCommenter"/>): Cloud posts ADF with a <c>mention</c> node, Data Center wiki
/// markup with <c>[~username]</c>, both with the marker as a comment property set in the same call; a marker already on
/// the epic (a retry after a lost outcome) is found and nothing is posted.
/// </summary>
public sealed class ReminderCommentTests : IDisposable
{
    private const string CloudComments = "/rest/api/3/issue/OKR-1/comment";
    private const string DataCenterComments = "/jira/rest/api/2/issue/AR-37/comment";
    private const string Marker = "check-in-due:3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d:2026-11-03";
    private readonly JiraSite _jira = new();

    public void Dispose() => _jira.Dispose();

    private IReminderCommenter Commenter => Assert.IsAssignableFrom<IReminderCommenter>(_jira.Connector);

    private static ReminderComment Reminder(string epic, string? account, string marker = Marker) => new(
        new TargetRef("jira-epic", epic),
        marker,
        "alice",
        account,
        "Check-in due: Checkout conversion +5%",
        "“Checkout conversion +5%” has had no check-in for 7 days. Please add one with your confidence and progress.",
        [new ReminderCommentFact("Objective", "Make buying effortless"), new ReminderCommentFact("Cycle", "2026-Q4")],
        "https://okr.example.com/key-results/3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d",
        "Check in");

    private static JsonObject MarkerProperty(string marker) =>
        new() { ["key"] = "okrconnect.reminder", ["value"] = new JsonObject { ["marker"] = marker } };

    [Fact]
    public async Task Cloud_posts_an_adf_comment_mentioning_the_owner_by_account_id_with_the_marker_property()
    {
        Assert.True(_jira.Connector.Capabilities.HasFlag(ConnectorCapabilities.ReminderComments));
        _jira.Reply(Request.Create().WithPath(CloudComments).UsingGet().WithParam("startAt", "0").WithParam("maxResults", "100"), "cloud/comments.empty.json");
        _jira.Reply(Request.Create().WithPath(CloudComments).UsingPost(), "cloud/comment.created.json", status: 201);

        var result = await Commenter.PostReminderAsync(_jira.Cloud(), Reminder("OKR-1", "5b10a2844c20165700ede21g"), default);

        Assert.Equal(new ReminderCommentResult("10100", Created: true, ApiCalls: 2), result);
        var post = JiraSite.BodyOf(Assert.Single(_jira.Requests("POST", CloudComments)));
        var doc = post["body"]!;
        Assert.Equal(("doc", 1), (doc["type"]!.GetValue<string>(), doc["version"]!.GetValue<int>()));
        var title = doc["content"]![0]!["content"]![0]!;
        Assert.Equal("Check-in due: Checkout conversion +5%", title["text"]!.GetValue<string>());
        Assert.Equal("strong", title["marks"]![0]!["type"]!.GetValue<string>());
        var line = doc["content"]![1]!["content"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(
            JsonNode.Parse("""{"type":"mention","attrs":{"id":"5b10a2844c20165700ede21g","text":"@alice"}}"""), line[0]));
        Assert.StartsWith(" “Checkout conversion +5%” has had no check-in for 7 days.", line[1]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Equal("Objective: Make buying effortless · Cycle: 2026-Q4", doc["content"]![2]!["content"]![0]!["text"]!.GetValue<string>());
        var link = doc["content"]![3]!["content"]![0]!;
        Assert.Equal(("Check in", "https://okr.example.com/key-results/3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d"), (link["text"]!.GetValue<string>(), link["marks"]![0]!["attrs"]!["href"]!.GetValue<string>()));
        Assert.True(JsonNode.DeepEquals(
            new JsonArray(MarkerProperty(Marker)), post["properties"]));
        Assert.Equal($"Basic {Convert.ToBase64String("okr-bot@example.com:api-token-not-a-secret"u8.ToArray())}", JiraSite.Header(_jira.Requests("POST", CloudComments)[0], "Authorization"));
    }

    [Fact]
    public async Task Cloud_names_an_unmapped_owner_in_plain_text_without_a_mention()
    {
        _jira.Reply(Request.Create().WithPath(CloudComments).UsingGet(), "cloud/comments.empty.json");
        _jira.Reply(Request.Create().WithPath(CloudComments).UsingPost(), "cloud/comment.created.json", status: 201);

        await Commenter.PostReminderAsync(_jira.Cloud(), Reminder("OKR-1", account: null), default);

        var post = JiraSite.BodyOf(Assert.Single(_jira.Requests("POST", CloudComments)));
        Assert.DoesNotContain("\"mention\"", post["body"]!.ToJsonString(), StringComparison.Ordinal);
        var owner = post["body"]!["content"]![1]!["content"]![0]!;
        Assert.Equal(("text", "alice"), (owner["type"]!.GetValue<string>(), owner["text"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Cloud_finds_the_reminder_it_already_posted_and_does_not_post_it_again()
    {
        // A crash after the POST: the epic holds yesterday's reminder (another marker) and today's, ours.
        var page = JsonNode.Parse(Fixture.Text("cloud/comment-list.with-marker.json"))!;
        page["values"]![0]!["properties"]!.AsArray().Add(MarkerProperty("check-in-due:3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d:2026-11-02"));
        page["values"]![1]!["properties"]!.AsArray().Add(MarkerProperty(Marker));
        _jira.Reply(Request.Create().WithPath(CloudComments).UsingGet().WithParam("startAt", "0"), "cloud/comments.two.json");
        _jira.ReplyJson(Request.Create().WithPath("/rest/api/3/comment/list").UsingPost().WithParam("expand", "properties"), page.ToJsonString());

        var result = await Commenter.PostReminderAsync(_jira.Cloud(), Reminder("OKR-1", "5b10a2844c20165700ede21g"), default);

        Assert.Equal(new ReminderCommentResult("10011", Created: false, ApiCalls: 2), result);
        Assert.Empty(_jira.Requests("POST", CloudComments));
    }

    [Fact]
    public async Task Data_center_posts_wiki_markup_mentioning_the_owner_as_tilde_username()
    {
        _jira.Reply(Request.Create().WithPath(DataCenterComments).UsingGet().WithParam("expand", "properties"), "dc/comments.empty.json");
        _jira.Reply(Request.Create().WithPath(DataCenterComments).UsingPost(), "jira/comment.json", status: 201);

        var result = await Commenter.PostReminderAsync(_jira.DataCenter(), Reminder("AR-37", "jsmith"), default);

        Assert.Equal(new ReminderCommentResult("10000", Created: true, ApiCalls: 2), result);
        var post = JiraSite.BodyOf(Assert.Single(_jira.Requests("POST", DataCenterComments)));
        Assert.Equal(
            "*Check\\-in due: Checkout conversion \\+5%*\n"
            + "[~jsmith] “Checkout conversion \\+5%” has had no check\\-in for 7 days. Please add one with your confidence and progress.\n"
            + "Objective: Make buying effortless · Cycle: 2026\\-Q4\n"
            + "[Check in|https://okr.example.com/key-results/3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d]",
            post["body"]!.GetValue<string>());
        Assert.Equal("okrconnect.reminder", post["properties"]![0]!["key"]!.GetValue<string>());
        Assert.Equal($"Bearer {JiraSite.ApiToken}", JiraSite.Header(_jira.Requests("POST", DataCenterComments)[0], "Authorization"));
    }

    [Fact]
    public async Task Data_center_finds_its_marker_among_the_expanded_properties()
    {
        var comment = JsonNode.Parse(Fixture.Text("jira/comment.json"))!;
        comment["properties"] = new JsonArray(MarkerProperty(Marker));
        var page = new JsonObject { ["startAt"] = 0, ["maxResults"] = 100, ["total"] = 1, ["comments"] = new JsonArray(comment) };
        _jira.ReplyJson(Request.Create().WithPath(DataCenterComments).UsingGet().WithParam("expand", "properties"), page.ToJsonString());

        var result = await Commenter.PostReminderAsync(_jira.DataCenter(), Reminder("AR-37", "jsmith"), default);

        Assert.Equal(new ReminderCommentResult("10000", Created: false, ApiCalls: 1), result);
        Assert.Empty(_jira.Requests("POST", DataCenterComments));
    }

    [Fact]
    public void Accounts_are_checked_against_the_deployment_and_only_epics_hold_comments()
    {
        var cloud = _jira.Cloud();
        var dataCenter = _jira.DataCenter() with { Credentials = null };

        Assert.Empty(Commenter.ValidateAccount(cloud, "5b10a2844c20165700ede21g"));
        Assert.Empty(Commenter.ValidateAccount(cloud, "712020:5b10ac8d-82e0-5b22-cc7d-4ef5aa11bb22"));
        Assert.Contains("accountId", Assert.Single(Commenter.ValidateAccount(cloud, "alice@example.com")), StringComparison.Ordinal);
        Assert.Empty(Commenter.ValidateAccount(dataCenter, "j.smith"));
        Assert.Single(Commenter.ValidateAccount(dataCenter, "john smith"));
        Assert.Single(Commenter.ValidateAccount(dataCenter, "x]y"));
        Assert.True(Commenter.CanComment(new TargetRef("jira-epic", "OKR-1")));
        Assert.False(Commenter.CanComment(new TargetRef("jira-jql", "project = OKR")));
    }
}
