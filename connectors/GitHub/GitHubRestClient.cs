using System.Globalization;
using OkrConnect.Connectors.GitHub.Payloads;

namespace OkrConnect.Connectors.GitHub;

/// <summary>
/// The GitHub endpoints the connector calls with its own HttpClient code, each with its documentation URL: the lists
/// a sync reads again and again (conditional, through the ETag cache), the endpoints Octokit 14 lacks or gets wrong
/// (sub-issues; label names, which it does not escape), the writes (paced) and GraphQL. Identity, app tokens, the rate
/// limit and issue/milestone descriptions go through Octokit instead (<see cref="GitHubOctokitClient"/>).
/// Lists ask for <c>per_page=100</c> and follow <c>Link</c>; writes take the token's turn in its <see cref="MutationPacer"/>.
/// </summary>
internal sealed class GitHubRestClient(GitHubTransport transport, Uri apiRoot, EtagCache etags)
{
    // --- Targets ---

    // https://docs.github.com/en/rest/repos/repos#get-a-repository
    public async Task<RepositoryPayload> GetRepositoryAsync(GitHubCall call, RepositoryRef repository, CancellationToken ct) =>
        (await transport.SendAsync<RepositoryPayload>(call, HttpMethod.Get, Url(Repo(repository)), null, etags, ct)).Value;

    // https://docs.github.com/en/rest/issues/labels#get-a-label
    public async Task<LabelPayload> GetLabelAsync(GitHubCall call, RepositoryRef repository, string label, CancellationToken ct) =>
        (await transport.SendAsync<LabelPayload>(call, HttpMethod.Get, Url($"{Repo(repository)}/labels/{Escape(label)}"), null, etags, ct)).Value;

    // https://docs.github.com/en/rest/issues/sub-issues#list-sub-issues (no `since`: always the full list)
    // A target's list pages are read with the versions the engine stores (GitHubTargetReader), not the ETag cache.
    public Uri SubIssuesUrl(RepositoryRef repository, int number) =>
        Url($"{Repo(repository)}/issues/{Number(number)}/sub_issues?per_page=100");

    public Task<ListPage<IssuePayload>> GetIssuePageAsync(GitHubCall call, Uri url, string? ifNoneMatch, CancellationToken ct) =>
        transport.GetPageAsync<IssuePayload>(call, url, ifNoneMatch, ct);

    // https://docs.github.com/en/rest/issues/milestones#list-milestones (a title resolved on every fetch: conditional)
    public IAsyncEnumerable<IReadOnlyList<MilestonePayload>> ListMilestonesAsync(GitHubCall call, RepositoryRef repository, CancellationToken ct) =>
        transport.PagesAsync<MilestonePayload>(call, Url($"{Repo(repository)}/milestones?state=all&per_page=100"), etags, ct);

    /// <summary>
    /// Issues of a repository filtered by milestone number or by labels (all of them), open and closed, optionally only
    /// those updated since a time. The list includes pull requests; callers drop them.
    /// https://docs.github.com/en/rest/issues/issues#list-repository-issues
    /// </summary>
    public Uri IssuesUrl(RepositoryRef repository, int? milestone, IReadOnlyList<string>? labels, DateTimeOffset? since)
    {
        var query = new List<string>();
        if (milestone is { } number)
        {
            query.Add($"milestone={Number(number)}");
        }

        if (labels is { Count: > 0 })
        {
            query.Add("labels=" + string.Join(",", labels.Select(Escape)));
        }

        query.Add("state=all");
        if (since is { } watermark)
        {
            query.Add("since=" + Escape(watermark.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture)));
        }

        query.Add("per_page=100");
        return Url($"{Repo(repository)}/issues?{string.Join("&", query)}");
    }

    // --- Write-back ---

    // https://docs.github.com/en/rest/issues/comments#list-issue-comments
    // Not cached: comment bodies can be large and this list is only read when the comment id is unknown (or its
    // comment was deleted). A known comment is edited without being read first.
    public IAsyncEnumerable<IReadOnlyList<CommentPayload>> ListCommentsAsync(GitHubCall call, RepositoryRef repository, int number, CancellationToken ct) =>
        transport.PagesAsync<CommentPayload>(call, Url($"{Repo(repository)}/issues/{Number(number)}/comments?per_page=100"), null, ct);

    // https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
    public async Task<CommentPayload> CreateCommentAsync(GitHubCall call, RepositoryRef repository, int number, string body, CancellationToken ct)
    {
        using var turn = await call.Lane.Pacer.WaitTurnAsync(ct);
        return (await transport.SendAsync<CommentPayload>(
            call, HttpMethod.Post, Url($"{Repo(repository)}/issues/{Number(number)}/comments"), new CommentBodyRequest(body), null, ct)).Value;
    }

    // https://docs.github.com/en/rest/issues/comments#update-an-issue-comment
    public async Task<CommentPayload> UpdateCommentAsync(GitHubCall call, RepositoryRef repository, long commentId, string body, CancellationToken ct)
    {
        using var turn = await call.Lane.Pacer.WaitTurnAsync(ct);
        return (await transport.SendAsync<CommentPayload>(
            call, HttpMethod.Patch, CommentUrl(repository, commentId), new CommentBodyRequest(body), null, ct)).Value;
    }

    // --- Projects v2 (GraphQL) ---

    private const string ProjectItemsQuery = """
        query($owner: String!, $repo: String!, $number: Int!, $field: String!) {
          repository(owner: $owner, name: $repo) {
            issue(number: $number) {
              projectItems(first: 100) {
                nodes {
                  id
                  project {
                    id
                    number
                    owner { ... on Organization { login } ... on User { login } }
                    field(name: $field) { ... on ProjectV2Field { id dataType } }
                  }
                  fieldValueByName(name: $field) { ... on ProjectV2ItemFieldNumberValue { number } }
                }
              }
            }
          }
        }
        """;

    private const string SetNumberMutation = """
        mutation($project: ID!, $item: ID!, $field: ID!, $number: Float!) {
          updateProjectV2ItemFieldValue(input: { projectId: $project, itemId: $item, fieldId: $field, value: { number: $number } }) {
            projectV2Item { id }
          }
        }
        """;

    /// <summary>
    /// The issue's project items, each with its project, the named field and the item's value in it.
    /// https://docs.github.com/en/graphql/reference/objects#issue (projectItems)
    /// </summary>
    public async Task<IReadOnlyList<ProjectItemNode>> GetProjectItemsAsync(GitHubCall call, RepositoryRef repository, int number, string field, CancellationToken ct)
    {
        var data = await GraphQlAsync<IssueProjectItemsData>(call, ProjectItemsQuery, new Dictionary<string, object>
        {
            ["owner"] = repository.Owner,
            ["repo"] = repository.Name,
            ["number"] = number,
            ["field"] = field,
        }, ct);
        return data.Repository?.Issue?.ProjectItems.Nodes
            ?? throw new Core.Connectors.TrackerException(Core.Connectors.TrackerErrorCategory.NotFound, $"{repository}#{number} not found, or the token cannot see it");
    }

    /// <summary>https://docs.github.com/en/graphql/reference/mutations#updateprojectv2itemfieldvalue</summary>
    public async Task SetProjectNumberFieldAsync(GitHubCall call, string projectId, string itemId, string fieldId, double value, CancellationToken ct)
    {
        using var turn = await call.Lane.Pacer.WaitTurnAsync(ct);
        await GraphQlAsync<System.Text.Json.JsonElement>(call, SetNumberMutation, new Dictionary<string, object>
        {
            ["project"] = projectId,
            ["item"] = itemId,
            ["field"] = fieldId,
            ["number"] = value,
        }, ct);
    }

    // https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#the-graphql-endpoint
    private async Task<T> GraphQlAsync<T>(GitHubCall call, string query, IReadOnlyDictionary<string, object> variables, CancellationToken ct)
    {
        var url = GraphQlUrl();
        var answer = (await transport.SendAsync<GraphQlResponse<T>>(
            call, HttpMethod.Post, url, new GraphQlRequest(query, variables), null, ct, GitHubJson.GraphQlOptions)).Value;
        if (answer.Errors is { Count: > 0 } errors)
        {
            throw GitHubErrors.FromGraphQl(errors, url);
        }

        return answer.Data ?? throw GitHubErrors.UnexpectedBody(HttpMethod.Post, url);
    }

    // github.com answers GraphQL at https://api.github.com/graphql; Enterprise Server at https://HOST/api/graphql,
    // beside (not under) the REST root https://HOST/api/v3.
    private Uri GraphQlUrl() =>
        apiRoot.AbsolutePath.EndsWith("/api/v3/", StringComparison.OrdinalIgnoreCase) ? new Uri(apiRoot, "../graphql") : Url("graphql");

    private Uri CommentUrl(RepositoryRef repository, long commentId) =>
        Url($"{Repo(repository)}/issues/comments/{commentId.ToString(CultureInfo.InvariantCulture)}");

    private Uri Url(string relative) => new(apiRoot, relative);

    private static string Repo(RepositoryRef repository) => $"repos/{Escape(repository.Owner)}/{Escape(repository.Name)}";

    private static string Number(int number) => number.ToString(CultureInfo.InvariantCulture);

    private static string Escape(string value) => Uri.EscapeDataString(value);
}
