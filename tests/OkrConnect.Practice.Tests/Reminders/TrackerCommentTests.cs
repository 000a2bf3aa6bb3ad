using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Core.Domain;
using OkrConnect.Practice.Tests.Support;

namespace OkrConnect.Practice.Tests.Reminders;

/// <summary>
/// Reminders as tracker comments, through the host with a fake clock: a team with trackerComments on gets each
/// check-in-due reminder also as a comment on the key result's linked epic (a WireMock Jira Cloud), mentioning the
/// owner's mapped account, at most once a day, in the team's language; a failing tracker is retried and visible in the
/// deliveries while chat delivers.
/// </summary>
public sealed class TrackerCommentTests : IDisposable
{
    private const string SlackPath = "/services/T/B/tracker-team";
    private const string Epic = "OKR-1";
    private const string AccountId = "5b10a2844c20165700ede21g";

    private readonly PracticeFactory _factory = new();
    private readonly ChatReceiver _chat = new();
    private readonly JiraCloud _jira = new();
    private readonly HttpClient _manager;
    private readonly HttpClient _admin;

    public TrackerCommentTests()
    {
        _manager = _factory.CreateClientFor(Role.Manager, "maria", "web");
        _admin = _factory.CreateClientFor(Role.Admin, "root");
        _factory.MoveToMorning();
    }

    public void Dispose()
    {
        _factory.Dispose();
        _jira.Dispose();
        _chat.Dispose();
    }

    [Fact]
    public async Task A_check_in_due_reminder_is_posted_once_a_day_on_the_linked_epic_mentioning_the_mapped_owner()
    {
        var (connector, keyResult) = await KeyResultOnEpicAsync();
        await (await _admin.PutJsonAsync($"/api/connectors/{connector}/accounts/maria", new { account = AccountId })).ReadAsync();
        await CreateSettingsAsync(locale: "en", withChat: true);
        _jira.Comments(Epic);

        await _factory.EvaluateRemindersAsync();
        Assert.Empty(_jira.Posted(Epic));

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await _factory.EvaluateRemindersAsync();
        await _factory.EvaluateRemindersAsync();
        _factory.Clock.Advance(TimeSpan.FromHours(3));
        await _factory.EvaluateRemindersAsync();
        await _factory.DeliverRemindersAsync();

        var post = Assert.Single(_jira.Posted(Epic));
        var body = _jira.PostedBody(post);
        var doc = body["body"]!;
        Assert.Equal("Check-in due: Checkout", doc["content"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        var line = doc["content"]![1]!["content"]!.AsArray();
        Assert.True(JsonNode.DeepEquals(new JsonObject { ["type"] = "mention", ["attrs"] = new JsonObject { ["id"] = AccountId, ["text"] = "@maria" } }, line[0]), line[0]!.ToJsonString());
        Assert.Equal(" “Checkout” has had no check-in for 1 days. Please add one with your confidence and progress.", line[1]!["text"]!.GetValue<string>());
        Assert.DoesNotContain("Owner", doc.ToJsonString(), StringComparison.Ordinal);
        var marker = body["properties"]![0]!;
        Assert.Equal("okrconnect.reminder", marker["key"]!.GetValue<string>());
        Assert.Equal($"check-in-due:{keyResult}:{_factory.Today:yyyy-MM-dd}", marker["value"]!["marker"]!.GetValue<string>());
        Assert.Single(_chat.Received(SlackPath));

        var deliveries = (await _manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items");
        var comment = Assert.Single(deliveries, d => d.Str("channelKind") == "tracker-comment");
        Assert.Equal(("check-in-due", "delivered", 1), (comment.Str("kind"), comment.Str("status"), comment.Get("attempts").GetInt32()));
        Assert.Equal(keyResult, comment.Get("subjectId").GetGuid());
        var tracker = comment.Get("tracker");
        Assert.Equal((connector, "jira", "jira-epic", Epic, "maria"), (tracker.Get("connectorId").GetGuid(), tracker.Str("connectorKind"), tracker.Str("targetKind"), tracker.Str("targetKey"), tracker.Str("owner")));
        Assert.Equal(JsonValueKind.Null, Assert.Single(deliveries, d => d.Str("channelKind") == "slack").Get("tracker").ValueKind);
        Assert.DoesNotContain("jira-api-token-do-not-leak", JsonSerializer.Serialize(deliveries), StringComparison.Ordinal);

        // The next day is a new reminder, and a new comment.
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await _factory.EvaluateRemindersAsync();
        Assert.Equal(2, _jira.Posted(Epic).Count);
    }

    [Fact]
    public async Task A_zh_CN_team_gets_the_comment_in_Chinese_and_an_unmapped_owner_is_named_in_plain_text()
    {
        await KeyResultOnEpicAsync();
        await CreateSettingsAsync(locale: "zh-CN", withChat: false);
        _jira.Comments(Epic);

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await _factory.EvaluateRemindersAsync();

        var doc = _jira.PostedBody(Assert.Single(_jira.Posted(Epic)))["body"]!;
        Assert.Equal("该签到了:Checkout", doc["content"]![0]!["content"]![0]!["text"]!.GetValue<string>());
        var line = doc["content"]![1]!["content"]!.AsArray();
        Assert.Equal(("text", "maria"), (line[0]!["type"]!.GetValue<string>(), line[0]!["text"]!.GetValue<string>()));
        Assert.Equal(" 关键结果“Checkout”已有 1 天没有签到,请更新信心指数和进展。", line[1]!["text"]!.GetValue<string>());
        Assert.Contains("目标: Grow · 周期: ", doc["content"]![2]!["content"]![0]!["text"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain("\"mention\"", doc.ToJsonString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failing_tracker_is_retried_and_its_failure_shown_while_the_chat_channel_delivers()
    {
        var start = _factory.Clock.GetUtcNow();
        await KeyResultOnEpicAsync();
        await CreateSettingsAsync(locale: "en", withChat: true);
        _jira.Comments(Epic, status: 500);

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await _factory.EvaluateRemindersAsync();

        Assert.Single(_chat.Received(SlackPath));
        var failing = await TrackerDeliveryAsync();
        Assert.Equal(("retrying", 1, "transient"), (failing.Str("status"), failing.Get("attempts").GetInt32(), failing.Str("failureCategory")));
        Assert.Contains("Jira failed on a new comment on OKR-1", failing.Str("lastError"), StringComparison.Ordinal);
        Assert.Equal(start.AddDays(1).AddMinutes(1), failing.Get("nextAttemptAt").GetDateTimeOffset());
        Assert.Equal("delivered", (await _manager.GetJsonAsync("/api/teams/web/reminders/deliveries?status=delivered")).Items("items").Single().Str("status"));
        Assert.Single(_jira.Posted(Epic));

        // Not due yet: nothing is sent. Then Jira is back, and the retry posts the comment once.
        await _factory.DeliverRemindersAsync();
        Assert.Single(_jira.Posted(Epic));
        _jira.Reset();
        _jira.Comments(Epic);
        _factory.Clock.Advance(TimeSpan.FromMinutes(1));
        await _factory.DeliverRemindersAsync();
        await _factory.EvaluateRemindersAsync();

        Assert.Equal(2, _jira.Posted(Epic).Count);
        var delivered = await TrackerDeliveryAsync();
        Assert.Equal(("delivered", 2, JsonValueKind.Null), (delivered.Str("status"), delivered.Get("attempts").GetInt32(), delivered.Get("lastError").ValueKind));
        Assert.Single(_chat.Received(SlackPath));
    }

    [Fact]
    public async Task A_comment_posted_before_a_crash_is_found_by_its_marker_and_not_posted_again()
    {
        var (_, keyResult) = await KeyResultOnEpicAsync();
        await CreateSettingsAsync(locale: "en", withChat: false);
        _factory.Clock.Advance(TimeSpan.FromDays(1));
        _jira.CommentWithMarker(Epic, $"check-in-due:{keyResult}:{_factory.Today:yyyy-MM-dd}");

        await _factory.EvaluateRemindersAsync();

        Assert.Empty(_jira.Posted(Epic));
        Assert.Equal("delivered", (await TrackerDeliveryAsync()).Str("status"));
    }

    [Fact]
    public async Task Tracker_comments_are_off_unless_the_team_turns_them_on_and_cannot_be_cleared()
    {
        await KeyResultOnEpicAsync();
        await (await _manager.PostJsonAsync("/api/teams/web/reminders", new
        {
            checkInDueDays = 1,
            channels = new[] { new { kind = "slack", webhookUrl = _chat.Slack(SlackPath) } },
        })).ReadAsync(HttpStatusCode.Created);
        Assert.False((await _manager.GetJsonAsync("/api/teams/web/reminders")).Get("trackerComments").GetBoolean());

        _factory.Clock.Advance(TimeSpan.FromDays(1));
        await _factory.EvaluateRemindersAsync();
        Assert.Empty(_jira.Posted(Epic));
        Assert.Single(_chat.Received(SlackPath));

        var problem = await (await _manager.PatchJsonAsync("/api/teams/web/reminders", new { trackerComments = (bool?)null })).ReadAsync(HttpStatusCode.BadRequest);
        Assert.Equal(["trackerComments"], problem.ErrorFields());
        var patched = await (await _manager.PatchJsonAsync("/api/teams/web/reminders", new { trackerComments = true })).ReadAsync();
        Assert.True(patched.Get("trackerComments").GetBoolean());
    }

    private async Task<JsonElement> TrackerDeliveryAsync() =>
        (await _manager.GetJsonAsync("/api/teams/web/reminders/deliveries")).Items("items").Single(d => d.Str("channelKind") == "tracker-comment");

    /// <summary>Team web's work key result "Checkout" (owner maria) linked to epic OKR-1 on a Jira Cloud connector.</summary>
    private async Task<(Guid Connector, Guid KeyResult)> KeyResultOnEpicAsync()
    {
        var connector = await _jira.ConnectorAsync(_admin);
        var seed = new Seed(_manager);
        var cycle = await seed.CycleAsync(_factory.Today.AddDays(-5), _factory.Today.AddDays(60));
        var objective = await seed.ObjectiveAsync(cycle.Id(), "Grow", team: "web");
        var keyResult = await seed.KeyResultAsync(objective.Id(), "Checkout", owner: "maria");
        _jira.Epic(Epic);
        await seed.LinkAsync(keyResult.Id(), connector, "jira-epic", Epic);
        _jira.Reset();
        return (connector, keyResult.Id());
    }

    private async Task CreateSettingsAsync(string locale, bool withChat) =>
        await (await _manager.PostJsonAsync("/api/teams/web/reminders", new
        {
            locale,
            checkInDueDays = 1,
            planningDaysBefore = (int?)null,
            reviewDaysBefore = (int?)null,
            atRiskAlerts = false,
            trackerComments = true,
            channels = withChat ? new[] { new { kind = "slack", webhookUrl = _chat.Slack(SlackPath) } } : [],
        })).ReadAsync(HttpStatusCode.Created);
}
