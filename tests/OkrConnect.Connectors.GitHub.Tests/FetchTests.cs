using System.Text.Json.Nodes;
using OkrConnect.Connectors.GitHub.Tests.Infrastructure;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using WireMock.Matchers;
using WireMock.ResponseBuilders;

namespace OkrConnect.Connectors.GitHub.Tests;

public sealed class FetchTests : IDisposable
{
    private const string RecordedRepo = "octokit-fixture-org/tmp-scenario-paginate-issues-20220719043836917-izyoe";
    private const string FirstPage = $"/repos/{RecordedRepo}/issues?milestone=1&state=all&per_page=100";

    private readonly ConnectorHarness _harness = new();

    private GitHubApiServer Server => _harness.Server;

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task Follows_link_headers_through_every_recorded_page()
    {
        var pages = RegisterRecordedPages();

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Milestone, $"{RecordedRepo}/1"));

        var target = Assert.Single(result.Targets);
        Assert.True(target.Complete);
        Assert.Null(target.Error);
        Assert.Equal(Enumerable.Range(1, 13).Reverse().Select(n => $"{RecordedRepo}#{n}"), target.Items.Select(i => i.ExternalId));
        Assert.All(target.Items, item => Assert.Equal(WorkItemClass.ToDo, item.Class));
        Assert.Equal("Test issue 13", target.Items[0].Title);
        Assert.Equal(5, result.ApiCalls);
        Assert.Equal(
            new[] { "GET " + FirstPage }.Concat(pages.Skip(1).Select(p => "GET " + p.Path)),
            Server.RequestedUrls);
        Assert.Equal("4918", result.RateLimit["remaining"]);
    }

    [Fact]
    public async Task With_the_stored_version_unchanged_pages_answer_304_and_the_target_is_reported_unchanged_at_no_rate_limit_cost()
    {
        var pages = RegisterRecordedPages();
        RegisterNotModified(pages);

        var target = new TargetRef(GitHubTargetKinds.Milestone, $"{RecordedRepo}/1");
        var first = await FetchAsync(target);
        var version = first.Targets[0].Version;
        Assert.NotNull(version);
        Assert.False(first.Targets[0].Unchanged);

        var second = await FetchWithVersionAsync(target, version);

        var confirmed = Assert.Single(second.Targets);
        Assert.True(confirmed.Complete);
        Assert.True(confirmed.Unchanged);
        Assert.Empty(confirmed.Items);
        Assert.Equal(version, confirmed.Version);
        Assert.Equal(5, second.ApiCalls);
        Assert.Equal("5", second.RateLimit["notModified"]);
        Assert.Equal("0", first.RateLimit["notModified"]);
        Assert.Equal(first.RateLimit["remaining"], second.RateLimit["remaining"]);

        var requests = Server.Requests;
        Assert.All(requests.Take(5), r => Assert.False(r.RequestMessage.Headers!.ContainsKey("If-None-Match")));
        Assert.Equal(pages.Select(p => p.Header("ETag")), requests.Skip(5).Select(r => r.RequestMessage.Headers!["If-None-Match"].Single()));
        Assert.All(requests.Skip(5), r => Assert.Equal(304, r.ResponseMessage.StatusCode));
    }

    [Fact]
    public async Task Without_a_stored_version_nothing_is_remembered_between_fetches_and_every_page_is_read_again()
    {
        var pages = RegisterRecordedPages();
        RegisterNotModified(pages);
        var target = new TargetRef(GitHubTargetKinds.Milestone, $"{RecordedRepo}/1");

        var first = await FetchAsync(target);
        var second = await FetchAsync(target);

        // The items live in the database, not in the connector: no version given, no conditional request made.
        Assert.Equal(first.Targets[0].Items, second.Targets[0].Items);
        Assert.False(second.Targets[0].Unchanged);
        Assert.All(Server.Requests, r => Assert.False(r.RequestMessage.Headers!.ContainsKey("If-None-Match")));
    }

    [Fact]
    public async Task A_changed_page_after_unchanged_ones_makes_the_whole_target_read_again()
    {
        var pages = RegisterRecordedPages();
        RegisterNotModified(pages.Take(2).ToList());
        var target = new TargetRef(GitHubTargetKinds.Milestone, $"{RecordedRepo}/1");
        var first = await FetchAsync(target);
        var stored = first.Targets[0].Version!;

        // Page 3 answers 200 (its ETag matches no mapping): the items of pages 1 and 2 were never sent, so all are read.
        var second = await FetchWithVersionAsync(target, stored);

        var read = Assert.Single(second.Targets);
        Assert.False(read.Unchanged);
        Assert.True(read.Complete);
        Assert.Equal(first.Targets[0].Items, read.Items);
        Assert.NotNull(read.Version);
        Assert.Equal(5 + 3 + 5, Server.Requests.Count);
        Assert.Equal([304, 304, 200], Server.Requests.Skip(5).Take(3).Select(r => r.ResponseMessage.StatusCode).Cast<int>());
        Assert.All(Server.Requests.Skip(8), r => Assert.False(r.RequestMessage.Headers!.ContainsKey("If-None-Match")));
    }

    [Fact]
    public async Task A_changed_one_page_target_costs_one_call_the_conditional_answer_is_the_read()
    {
        Server.Json("GET", SubIssuesOf42, new JsonArray(Fixture.Issue(1), Fixture.Issue(2, state: "closed", stateReason: "completed")),
            headers: new Dictionary<string, string> { ["ETag"] = "W/\"b2\"" });
        var target = new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42");
        var stored = new GitHubTargetVersion(
            GitHubTargetVersion.FingerprintOf(new GitHubSettings()),
            [new GitHubPageVersion($"{Server.Url}{SubIssuesOf42}", "W/\"a1\"", 1)]).Serialize();

        var result = await FetchWithVersionAsync(target, stored);

        var read = Assert.Single(result.Targets);
        Assert.False(read.Unchanged);
        Assert.Equal(["octo-org/roadmap#1", "octo-org/roadmap#2"], read.Items.Select(i => i.ExternalId));
        Assert.Equal("W/\"b2\"", GitHubTargetVersion.Parse(read.Version)!.Pages.Single().ETag);
        var request = Assert.Single(Server.Requests);
        Assert.Equal("W/\"a1\"", request.RequestMessage.Headers!["If-None-Match"].Single());
        Assert.Equal(1, result.ApiCalls);
    }

    [Fact]
    public async Task A_version_stored_under_other_in_progress_labels_is_not_used()
    {
        Server.Json("GET", SubIssuesOf42, new JsonArray(Fixture.Issue(1, labels: ["doing"])), headers: new Dictionary<string, string> { ["ETag"] = "W/\"a1\"" });
        var target = new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42");
        var first = await FetchAsync(target, """{"inProgressLabels":["wip"]}""");
        Assert.Equal(WorkItemClass.ToDo, first.Targets[0].Items[0].Class);

        var second = await FetchAsync([target], """{"inProgressLabels":["doing"]}""", first.Targets[0].Version);

        // GitHub would say "not modified", but the stored items were classified under the old labels.
        Assert.False(second.Targets[0].Unchanged);
        Assert.Equal(WorkItemClass.InProgress, second.Targets[0].Items[0].Class);
        Assert.All(Server.Requests, r => Assert.False(r.RequestMessage.Headers!.ContainsKey("If-None-Match")));
    }

    [Fact]
    public async Task A_parent_with_a_full_page_of_sub_issues_is_confirmed_by_one_304()
    {
        var children = new JsonArray([.. Enumerable.Range(1, 100).Select(n => (JsonNode)Fixture.Issue(n + 100))]);
        Server.Json("GET", SubIssuesOf42, children, headers: new Dictionary<string, string> { ["ETag"] = "W/\"s100\"" });
        Server.Mock.Given(GitHubApiServer.Request("GET", SubIssuesOf42).WithHeader("If-None-Match", new ExactMatcher("W/\"s100\"")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "W/\"s100\""));
        var target = new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42");

        var first = await FetchAsync(target);
        var second = await FetchWithVersionAsync(target, first.Targets[0].Version);

        Assert.Equal(100, first.Targets[0].Items.Count);
        Assert.True(second.Targets[0].Unchanged);
        Assert.Equal(2, Server.Requests.Count);
    }

    [Fact]
    public async Task A_repository_list_whose_last_page_is_full_is_read_again_since_a_new_page_could_follow_it()
    {
        const string labelled = "/repos/octo-org/roadmap/issues?labels=okr&state=all&per_page=100";
        var issues = new JsonArray([.. Enumerable.Range(1, 100).Select(n => (JsonNode)Fixture.Issue(n, labels: ["okr"]))]);
        Server.Json("GET", labelled, issues, headers: new Dictionary<string, string> { ["ETag"] = "W/\"l100\"" });
        Server.Mock.Given(GitHubApiServer.Request("GET", labelled).WithHeader("If-None-Match", new ExactMatcher("W/\"l100\"")))
            .AtPriority(1)
            .RespondWith(Response.Create().WithStatusCode(304).WithHeader("ETag", "W/\"l100\""));
        var target = new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr");

        var first = await FetchAsync(target);
        var second = await FetchWithVersionAsync(target, first.Targets[0].Version);

        Assert.False(second.Targets[0].Unchanged);
        Assert.Equal(100, second.Targets[0].Items.Count);
        Assert.All(Server.Requests, r => Assert.False(r.RequestMessage.Headers!.ContainsKey("If-None-Match")));
    }

    [Theory]
    [InlineData("not json")]
    [InlineData("""{"f":"0000000000000000","p":[]}""")]
    [InlineData("""{"p":[{"u":"https://elsewhere.example/x","e":"W/\"a1\"","n":1}]}""")]
    public async Task A_version_that_is_garbage_or_not_this_targets_is_ignored(string version)
    {
        Server.Json("GET", SubIssuesOf42, new JsonArray(Fixture.Issue(1)), headers: new Dictionary<string, string> { ["ETag"] = "W/\"a1\"" });

        var result = await FetchWithVersionAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42"), version);

        Assert.False(result.Targets[0].Unchanged);
        Assert.Equal(["octo-org/roadmap#1"], result.Targets[0].Items.Select(i => i.ExternalId));
        Assert.All(Server.Requests, r => Assert.False(r.RequestMessage.Headers!.ContainsKey("If-None-Match")));
    }

    [Fact]
    public async Task An_incremental_read_of_a_repository_list_has_no_version_since_it_is_not_the_whole_list()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues?labels=okr&state=all&since=2026-11-01T00:00:00Z&per_page=100",
            new JsonArray(Fixture.Issue(1, labels: ["okr"])), headers: new Dictionary<string, string> { ["ETag"] = "W/\"i1\"" });

        var result = await _harness.Connector.FetchAsync(
            _harness.Settings("{}"),
            new FetchRequest([new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr")], new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero)),
            CancellationToken.None);

        Assert.True(result.Targets[0].Complete);
        Assert.Null(result.Targets[0].Version);
    }

    private const string SubIssuesOf42 = "/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100";

    /// <summary>Each recorded page answers 304 to its own ETag.</summary>
    private void RegisterNotModified(List<NockInteraction> pages)
    {
        for (var i = 0; i < pages.Count; i++)
        {
            var page = pages[i];
            var etag = page.Header("ETag")!;
            Server.Mock.Given(GitHubApiServer.Request("GET", i == 0 ? FirstPage : page.Path).WithHeader("If-None-Match", new ExactMatcher(etag)))
                .AtPriority(1)
                .RespondWith(Response.Create().WithStatusCode(304)
                    .WithHeader("ETag", etag)
                    .WithHeader("X-RateLimit-Limit", "5000")
                    .WithHeader("X-RateLimit-Remaining", "4918")
                    .WithHeader("X-RateLimit-Reset", "1658208999")
                    .WithHeader("X-RateLimit-Resource", "core"));
        }
    }

    [Fact]
    public async Task Pull_requests_in_the_issue_list_are_not_work_items()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues?labels=okr,q3&state=all&per_page=100", new JsonArray(
            Fixture.Issue(1, labels: ["okr", "q3"]),
            Fixture.Issue(2, labels: ["okr", "q3"], pullRequest: true),
            Fixture.Issue(3, labels: ["okr", "q3"], state: "closed", stateReason: "completed")));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr,q3"));

        Assert.Equal(["octo-org/roadmap#1", "octo-org/roadmap#3"], result.Targets[0].Items.Select(i => i.ExternalId));
        Assert.Equal(["GET /repos/octo-org/roadmap/issues?labels=okr,q3&state=all&per_page=100"], Server.RequestedUrls);
    }

    [Fact]
    public async Task A_next_link_whose_url_holds_commas_is_followed_whole()
    {
        const string page2 = "/repositories/1/issues?labels=okr,q3&state=all&per_page=100&page=2";
        Server.Json("GET", "/repos/octo-org/roadmap/issues?labels=okr,q3&state=all&per_page=100", new JsonArray(Fixture.Issue(1)),
            headers: new Dictionary<string, string> { ["Link"] = $"<{Server.Url}{page2}>; rel=\"next\", <{Server.Url}{page2}>; rel=\"last\"" });
        Server.Json("GET", page2, new JsonArray(Fixture.Issue(2)));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr,q3"));

        Assert.Equal(["octo-org/roadmap#1", "octo-org/roadmap#2"], result.Targets[0].Items.Select(i => i.ExternalId));
        Assert.Equal("GET " + page2, Server.RequestedUrls[1]);
    }

    [Fact]
    public async Task Classifies_by_state_and_state_reason_and_reads_points_from_labels()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100", new JsonArray(
            Fixture.Issue(1, state: "closed", stateReason: "completed", labels: ["points:3"]),
            Fixture.Issue(2, state: "closed", stateReason: null, labels: ["size/0.5"]),
            Fixture.Issue(3, state: "closed", stateReason: "not_planned", labels: ["points:5"]),
            Fixture.Issue(4, state: "closed", stateReason: "duplicate"),
            Fixture.Issue(5, state: "closed", stateReason: "abandoned_by_robots"),
            Fixture.Issue(6, labels: ["In Progress", "points:8"]),
            Fixture.Issue(7, labels: ["bug"])));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42"), """{"inProgressLabels":["in progress"]}""");

        var items = result.Targets[0].Items.ToDictionary(i => i.ExternalId);
        Assert.Equal((WorkItemClass.Done, 3.0), (items["octo-org/roadmap#1"].Class, items["octo-org/roadmap#1"].Points!.Value));
        Assert.Equal((WorkItemClass.Done, 0.5), (items["octo-org/roadmap#2"].Class, items["octo-org/roadmap#2"].Points!.Value));
        Assert.Equal((WorkItemClass.Excluded, "closed as not planned"), (items["octo-org/roadmap#3"].Class, items["octo-org/roadmap#3"].ExcludedReason));
        Assert.Equal((WorkItemClass.Excluded, "closed as duplicate"), (items["octo-org/roadmap#4"].Class, items["octo-org/roadmap#4"].ExcludedReason));
        Assert.Equal(WorkItemClass.Excluded, items["octo-org/roadmap#5"].Class);
        Assert.Contains("abandoned_by_robots", items["octo-org/roadmap#5"].ExcludedReason, StringComparison.Ordinal);
        Assert.Equal((WorkItemClass.InProgress, 8.0), (items["octo-org/roadmap#6"].Class, items["octo-org/roadmap#6"].Points!.Value));
        Assert.Equal(WorkItemClass.ToDo, items["octo-org/roadmap#7"].Class);
        Assert.Null(items["octo-org/roadmap#7"].Points);
    }

    [Fact]
    public async Task Sub_issues_from_other_repositories_keep_their_own_ids_and_the_parent_never_counts_itself()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/42/sub_issues?per_page=100", new JsonArray(
            Fixture.Issue(7, repository: "octo-org/api"),
            Fixture.Issue(42, repository: "octo-org/roadmap"),
            Fixture.Issue(8, repository: "octo-org/roadmap")));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#42"));

        Assert.Equal(["octo-org/api#7", "octo-org/roadmap#8"], result.Targets[0].Items.Select(i => i.ExternalId));
        Assert.All(result.Targets[0].Items, item => Assert.Equal("octo-org/roadmap#42", item.ParentExternalId));
    }

    [Fact]
    public async Task A_milestone_named_by_title_is_resolved_through_the_milestones_list()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/milestones?state=all&per_page=100", new JsonArray(
            Milestone(3, "2026-Q1"),
            Milestone(4, "2026 Q2 / launch")));
        Server.Json("GET", "/repos/octo-org/roadmap/issues?milestone=4&state=all&per_page=100", new JsonArray(Fixture.Issue(1)));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Milestone, "octo-org/roadmap/2026 Q2 / launch"));

        Assert.Equal(["octo-org/roadmap#1"], result.Targets[0].Items.Select(i => i.ExternalId));
    }

    [Fact]
    public async Task An_incremental_fetch_passes_since_to_the_issues_list()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues?labels=okr&state=all&since=2026-03-01T08:30:00Z&per_page=100", new JsonArray(Fixture.Issue(9)));

        var result = await _harness.Connector.FetchAsync(
            _harness.Settings(),
            new FetchRequest([new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr")], new DateTimeOffset(2026, 3, 1, 9, 30, 0, TimeSpan.FromHours(1))),
            CancellationToken.None);

        Assert.Equal(["octo-org/roadmap#9"], result.Targets[0].Items.Select(i => i.ExternalId));
    }

    [Fact]
    public async Task A_missing_target_fails_alone_while_the_others_are_read()
    {
        Server.Json("GET", "/repos/octo-org/gone/issues/1/sub_issues?per_page=100", """{"message":"Not Found","documentation_url":"https://docs.github.com/rest"}""", status: 404);
        Server.Json("GET", "/repos/octo-org/roadmap/issues/2/sub_issues?per_page=100", new JsonArray(Fixture.Issue(5)));

        var result = await FetchAsync(
            new TargetRef(GitHubTargetKinds.Issue, "octo-org/gone#1"),
            new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#2"),
            new TargetRef(GitHubTargetKinds.Issue, "not a key"));

        Assert.False(result.Targets[0].Complete);
        Assert.Contains("not found, or the token cannot see it", result.Targets[0].Error, StringComparison.Ordinal);
        Assert.True(result.Targets[1].Complete);
        Assert.Single(result.Targets[1].Items);
        Assert.False(result.Targets[2].Complete);
        Assert.Contains("owner/repo#123", result.Targets[2].Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{}", 1)]
    [InlineData("""{"maxConcurrentRequests":3}""", 3)]
    public async Task Fetches_run_together_never_read_more_targets_at_once_than_maxConcurrentRequests(string options, int allowed)
    {
        // The engine runs as many fetches at once as the connector says (maxConcurrentRequests, default 1: GitHub asks
        // for serial requests); the targets of all of them share that many reads, so it is never multiplied.
        Assert.Equal(allowed, _harness.Connector.MaxConcurrentCalls(_harness.Settings(options)));
        var inFlight = 0;
        var most = 0;
        Server.Mock.Given(WireMock.RequestBuilders.Request.Create().WithPath(new RegexMatcher(@"^/repos/octo-org/roadmap/issues/\d+/sub_issues$")).UsingGet())
            .RespondWith(Response.Create().WithCallback(async _ =>
            {
                var now = Interlocked.Increment(ref inFlight);
                int seen;
                while ((seen = Volatile.Read(ref most)) < now && Interlocked.CompareExchange(ref most, now, seen) != seen)
                {
                }

                await Task.Delay(100);
                Interlocked.Decrement(ref inFlight);
                return new WireMock.ResponseMessage
                {
                    StatusCode = 200,
                    Headers = new Dictionary<string, WireMock.Types.WireMockList<string>> { ["Content-Type"] = new("application/json") },
                    BodyData = new WireMock.Util.BodyData { BodyAsString = "[]", DetectedBodyType = WireMock.Types.BodyType.String },
                };
            }));

        var fetches = Enumerable.Range(0, allowed + 1)
            .Select(f => FetchAsync(
                [new TargetRef(GitHubTargetKinds.Issue, $"octo-org/roadmap#{(2 * f) + 1}"), new TargetRef(GitHubTargetKinds.Issue, $"octo-org/roadmap#{(2 * f) + 2}")],
                options))
            .ToList();
        var results = await Task.WhenAll(fetches);

        Assert.All(results.SelectMany(r => r.Targets), t => Assert.True(t.Complete, t.Error));
        Assert.Equal(2 * (allowed + 1), Server.Requests.Count);
        Assert.InRange(most, 1, allowed);
    }

    [Fact]
    public async Task Rejected_credentials_stop_the_fetch_and_every_remaining_target_is_incomplete()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/1/sub_issues?per_page=100", """{"message":"Bad credentials"}""", status: 401);

        var result = await FetchAsync(
            new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#1"),
            new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#2"));

        Assert.Contains("credentials rejected", result.Targets[0].Error, StringComparison.Ordinal);
        Assert.Contains("Bad credentials", result.Targets[0].Error, StringComparison.Ordinal);
        Assert.StartsWith("not fetched: Authentication", result.Targets[1].Error, StringComparison.Ordinal);
        Assert.Single(Server.Requests);
    }

    [Fact]
    public async Task Issues_disabled_on_the_repository_is_reported_as_such()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues?labels=okr&state=all&per_page=100", """{"message":"Issues are disabled for this repo"}""", status: 410);

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Label, "octo-org/roadmap:okr"));

        Assert.Contains("issues disabled on the repository", result.Targets[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_page_that_is_not_an_issue_list_is_an_invalid_response_and_nothing_is_taken_from_it()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/1/sub_issues?per_page=100", """{"items":[{"number":1}]}""");

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#1"));

        Assert.False(result.Targets[0].Complete);
        Assert.Empty(result.Targets[0].Items);
        Assert.StartsWith("InvalidResponse", result.Targets[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_issue_missing_a_field_the_connector_relies_on_is_an_invalid_response()
    {
        var broken = Fixture.Issue(1);
        broken.Remove("state");
        Server.Json("GET", "/repos/octo-org/roadmap/issues/1/sub_issues?per_page=100", new JsonArray(broken));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#1"));

        Assert.StartsWith("InvalidResponse", result.Targets[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_next_link_to_another_host_is_refused_and_the_fetch_is_partial()
    {
        Server.Json("GET", "/repos/octo-org/roadmap/issues/1/sub_issues?per_page=100", new JsonArray(Fixture.Issue(2)),
            headers: new Dictionary<string, string> { ["Link"] = "<https://evil.example.com/steal?page=2>; rel=\"next\"" });

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#1"));

        Assert.False(result.Targets[0].Complete);
        Assert.StartsWith("InvalidResponse", result.Targets[0].Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_server_error_on_a_read_is_retried()
    {
        Server.Sequence("GET", "/repos/octo-org/roadmap/issues/1/sub_issues?per_page=100",
            () => Response.Create().WithStatusCode(502).WithBody("""{"message":"Server Error"}"""),
            () => Response.Create().WithStatusCode(200).WithHeader("Content-Type", "application/json").WithBody(new JsonArray(Fixture.Issue(2)).ToJsonString()));

        var result = await FetchAsync(new TargetRef(GitHubTargetKinds.Issue, "octo-org/roadmap#1"));

        Assert.True(result.Targets[0].Complete);
        Assert.Single(result.Targets[0].Items);
        Assert.Equal(2, result.ApiCalls);
    }

    internal static JsonObject Milestone(int number, string title) => new()
    {
        ["url"] = $"https://api.github.com/repos/octo-org/roadmap/milestones/{number}",
        ["html_url"] = $"https://github.com/octo-org/roadmap/milestone/{number}",
        ["id"] = 9000 + number,
        ["number"] = number,
        ["title"] = title,
        ["state"] = "open",
        ["open_issues"] = 1,
        ["closed_issues"] = 0,
    };

    private Task<FetchResult> FetchAsync(params TargetRef[] targets) => FetchAsync(targets, "{}");

    private Task<FetchResult> FetchAsync(TargetRef target, string options) => FetchAsync([target], options);

    private Task<FetchResult> FetchAsync(TargetRef[] targets, string options, string? version = null) =>
        _harness.Connector.FetchAsync(
            _harness.Settings(options),
            new FetchRequest(targets, null, version is null ? null : targets.ToDictionary(t => t, _ => version)),
            CancellationToken.None);

    private Task<FetchResult> FetchWithVersionAsync(TargetRef target, string? version) => FetchAsync([target], "{}", version);

    /// <summary>The recording's five issue pages; the first answers our URL, the rest their recorded Link URLs.</summary>
    private List<NockInteraction> RegisterRecordedPages()
    {
        var pages = NockFixture.Load("github/paginate-issues.raw-fixture.json")
            .Where(i => i.Method == "GET" && i.Path.Contains("/issues", StringComparison.Ordinal))
            .ToList();
        Assert.Equal(5, pages.Count);
        pages[0].Register(Server, FirstPage);
        foreach (var page in pages.Skip(1))
        {
            page.Register(Server);
        }

        return pages;
    }
}
