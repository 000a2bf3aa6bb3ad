using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

/// <summary>
/// Reminder comments (<see cref="IReminderCommenter"/>): a Markdown comment on the parent issue with a hidden marker and
/// <c>@login</c>; our own marked comment (not someone quoting it) is found on a retry and nothing is posted; creates are
/// paced with the token's other writes.
/// </summary>
public sealed class ReminderCommentTests : IDisposable
{
    private const string Comments = "/repos/octo-org/roadmap/issues/42/comments";
    private const string Marker = "at-risk:6f1c2d3e-4b5a-4789-9abc-def012345678:2026-03-02";
    private readonly ConnectorHarness _harness = new();

    private GitHubApiServer Server => _harness.Server;

    // As the host finds it: through the connector contract.
    private IReminderCommenter Commenter => Assert.IsAssignableFrom<IReminderCommenter>(_harness.Connector as ITrackerConnector);

    public void Dispose() => _harness.Dispose();

    private static ReminderComment Reminder(string? account, string marker = Marker) => new(
        new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42"),
        marker,
        "alice",
        account,
        "At risk: Ship the new onboarding",
        "“Ship the new onboarding” is now at risk: the latest confidence is 3 (at most 4).",
        [new ReminderCommentFact("Objective", "Delight new users"), new ReminderCommentFact("Cycle", "2026-Q1")],
        "https://okr.example.com/key-results/6f1c2d3e-4b5a-4789-9abc-def012345678",
        "Open");

    [Fact]
    public async Task Posts_a_markdown_comment_with_the_marker_mentioning_the_owners_login()
    {
        Assert.True(_harness.Connector.Capabilities.HasFlag(ConnectorCapabilities.ReminderComments));
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", Comments + "?per_page=100", new JsonArray(WriteBackTests.Comment(7, "LGTM", "bob")));
        Server.Json("POST", Comments, WriteBackTests.Comment(5001, "created", "okr-bot"), status: 201);

        var result = await Commenter.PostReminderAsync(_harness.Settings(), Reminder("alice-gh"), CancellationToken.None);

        Assert.Equal(new ReminderCommentResult("5001", Created: true, ApiCalls: 3), result);
        var posted = Assert.Single(Server.RequestsTo("POST", Comments));
        Assert.Equal(
            $"<!-- okrconnect:reminder={Marker} -->\n"
            + "**At risk: Ship the new onboarding**\n\n"
            + "@alice-gh “Ship the new onboarding” is now at risk: the latest confidence is 3 (at most 4).\n\n"
            + "Objective: Delight new users · Cycle: 2026-Q1\n\n"
            + "[Open](https://okr.example.com/key-results/6f1c2d3e-4b5a-4789-9abc-def012345678)\n",
            JsonDocument.Parse(posted.RequestMessage.Body!).RootElement.GetProperty("body").GetString());
        Assert.Equal("Bearer ghp_test_token", posted.RequestMessage.Headers!["Authorization"].Single());
        Assert.Equal(0, _harness.Connector.PendingMutations);
    }

    [Fact]
    public async Task An_unmapped_owner_is_named_without_mentioning_anyone()
    {
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", Comments + "?per_page=100", new JsonArray());
        Server.Json("POST", Comments, WriteBackTests.Comment(5002, "created", "okr-bot"), status: 201);

        await Commenter.PostReminderAsync(_harness.Settings(), Reminder(account: null) with { OwnerName = "@alice" }, CancellationToken.None);

        var body = JsonDocument.Parse(Assert.Single(Server.RequestsTo("POST", Comments)).RequestMessage.Body!).RootElement.GetProperty("body").GetString()!;
        Assert.Contains("**@\u200Balice** “Ship the new onboarding”", body, StringComparison.Ordinal);
        Assert.DoesNotContain("@alice", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task After_a_crash_our_marked_reminder_is_found_and_not_posted_again()
    {
        var marker = $"<!-- okrconnect:reminder={Marker} -->";
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });

        // Page 1: someone quoting our marker, and yesterday's reminder. Page 2: today's, posted before the crash.
        Server.Json("GET", Comments + "?per_page=100",
            new JsonArray(
                WriteBackTests.Comment(7, $"Look:\n{marker}", "mallory"),
                WriteBackTests.Comment(8, "<!-- okrconnect:reminder=at-risk:6f1c2d3e-4b5a-4789-9abc-def012345678:2026-03-01 -->\nyesterday", "okr-bot")),
            headers: new Dictionary<string, string> { ["Link"] = $"<{Server.Url}/repositories/1/issues/42/comments?per_page=100&page=2>; rel=\"next\"" });
        Server.Json("GET", "/repositories/1/issues/42/comments?per_page=100&page=2", new JsonArray(WriteBackTests.Comment(5003, $"{marker}\ntoday", "OKR-Bot")));

        var result = await Commenter.PostReminderAsync(_harness.Settings(), Reminder("alice-gh"), CancellationToken.None);

        Assert.Equal(new ReminderCommentResult("5003", Created: false, ApiCalls: 3), result);
        Assert.Empty(Server.RequestsTo("POST", Comments));
    }

    [Fact]
    public async Task A_reminder_waits_for_its_turn_behind_a_write_back_on_the_same_token()
    {
        var sentAt = new List<DateTimeOffset>();
        Server.Json("GET", "/user", new { login = "okr-bot", id = 1 });
        Server.Json("GET", Comments + "?per_page=100", new JsonArray());
        Server.Mock.Given(GitHubApiServer.Request("POST", Comments)).RespondWith(WriteBackTests.CreatedCommentNotingTime(sentAt, _harness.Time, firstId: 6000));

        var writeBack = _harness.Connector.EnsureWriteBackAsync(
            _harness.Settings(),
            new WriteBackRequest(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42"), Core.Domain.WriteBackMode.Comment, Guid.NewGuid(), Content.Progress(0.1), null),
            CancellationToken.None);
        var reminder = Commenter.PostReminderAsync(_harness.Settings(), Reminder("alice-gh"), CancellationToken.None);
        var both = Task.WhenAll(writeBack.ContinueWith(t => t.Result.RemoteId ?? "", TaskScheduler.Default), reminder.ContinueWith(t => t.Result.CommentId, TaskScheduler.Default));
        var ids = await _harness.AdvanceUntilDoneAsync(both, TimeSpan.FromMilliseconds(250), TimeSpan.FromMinutes(1));

        Assert.Equal(["6001", "6002"], ids.Order());

        Assert.Equal(2, sentAt.Count);
        var ordered = sentAt.Order().ToList();
        Assert.True(ordered[1] - ordered[0] >= TimeSpan.FromSeconds(1), $"{ordered[0]:O} then {ordered[1]:O}");
    }

    [Fact]
    public void Logins_are_checked_and_only_parent_issues_hold_comments()
    {
        var settings = _harness.Settings() with { Credentials = null };

        Assert.Empty(Commenter.ValidateAccount(settings, "octocat"));
        Assert.Empty(Commenter.ValidateAccount(settings, "mona-lisa"));
        Assert.Empty(Commenter.ValidateAccount(settings, "octocat_acme"));
        Assert.Contains("without the @", Assert.Single(Commenter.ValidateAccount(settings, "@octocat")), StringComparison.Ordinal);
        Assert.Single(Commenter.ValidateAccount(settings, "two--hyphens"));
        Assert.Single(Commenter.ValidateAccount(settings, "-leading"));
        Assert.True(Commenter.CanComment(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42")));
        Assert.False(Commenter.CanComment(new TargetRef(GitHubTargetKinds.Milestone, "octo-org/roadmap/3")));
        Assert.False(Commenter.CanComment(new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr")));
        Assert.Empty(Server.Requests);
    }
}
