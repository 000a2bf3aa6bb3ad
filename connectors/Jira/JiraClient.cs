using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.Jira.Payloads;
using OkrConnect.Core.Connectors;
using Polly.Timeout;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Every Jira endpoint the connector calls, in one place. Cloud is REST v3, Data Center REST v2; routes are relative
/// to the site's base URL (which may carry a context path such as <c>/jira</c>).
/// </summary>
internal static class JiraRoutes
{
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-myself/#api-rest-api-3-myself-get
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/myself-getUser
    public static string Myself(JiraSettings s) => $"rest/api/{s.ApiVersion}/myself";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-server-info/#api-rest-api-3-serverinfo-get
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/serverInfo-getServerInfo
    public static string ServerInfo(JiraSettings s) => $"rest/api/{s.ApiVersion}/serverInfo";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-fields/#api-rest-api-3-field-get
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/field-getFields
    public static string Fields(JiraSettings s) => $"rest/api/{s.ApiVersion}/field";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-get
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/issue-getIssue
    public static string Issue(JiraSettings s, string key, IEnumerable<string> fields) =>
        $"rest/api/{s.ApiVersion}/issue/{Uri.EscapeDataString(key)}?fields={Uri.EscapeDataString(string.Join(',', fields))}";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issues/#api-rest-api-3-issue-issueidorkey-put
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/issue-editIssue
    public static string EditIssue(JiraSettings s, string key) => $"rest/api/{s.ApiVersion}/issue/{Uri.EscapeDataString(key)}";

    // Cloud only; the old /rest/api/3/search answers 410 Gone on Cloud and must never be called.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-search/#api-rest-api-3-search-jql-post
    public const string EnhancedSearch = "rest/api/3/search/jql";

    // Data Center only: offset paging with startAt/maxResults/total.
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/search-searchUsingSearchRequest
    public const string Search = "rest/api/2/search";

    // Cloud only: validates JQL without running it.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-jql/#api-rest-api-3-jql-parse-post
    public const string ParseJql = "rest/api/3/jql/parse?validation=strict";

    // Data Center honours expand=properties here (CommentJsonBean); Cloud documents only renderedBody, so Cloud
    // reads properties through CommentsByIds instead.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-get
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/issue/{issueIdOrKey}/comment-getComments
    public static string Comments(JiraSettings s, string key, int startAt, int maxResults, bool expandProperties) =>
        $"rest/api/{s.ApiVersion}/issue/{Uri.EscapeDataString(key)}/comment?startAt={startAt}&maxResults={maxResults}"
        + (expandProperties ? "&expand=properties" : string.Empty);

    // Cloud: comments with their properties, up to 1000 ids per call.
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-comment-list-post
    public const string CommentsByIds = "rest/api/3/comment/list?expand=properties";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-post
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/issue/{issueIdOrKey}/comment-addComment
    public static string AddComment(JiraSettings s, string key) => $"rest/api/{s.ApiVersion}/issue/{Uri.EscapeDataString(key)}/comment";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-comments/#api-rest-api-3-issue-issueidorkey-comment-id-put
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/issue/{issueIdOrKey}/comment-updateComment
    public static string UpdateComment(JiraSettings s, string key, string commentId) =>
        $"rest/api/{s.ApiVersion}/issue/{Uri.EscapeDataString(key)}/comment/{Uri.EscapeDataString(commentId)}";

    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-get
    // https://developer.atlassian.com/cloud/jira/platform/rest/v3/api-group-issue-properties/#api-rest-api-3-issue-issueidorkey-properties-propertykey-put
    // https://docs.atlassian.com/software/jira/docs/api/REST/latest/#api/2/issue/{issueIdOrKey}/properties-setProperty
    public static string IssueProperty(JiraSettings s, string key, string propertyKey) =>
        $"rest/api/{s.ApiVersion}/issue/{Uri.EscapeDataString(key)}/properties/{Uri.EscapeDataString(propertyKey)}";
}

/// <summary>
/// One connector operation against one site: where, as whom, and what it cost (calls, rate-limit headers).
/// Travels with each request in <see cref="HttpRequestMessage.Options"/> so every retry attempt is counted.
/// </summary>
internal sealed class JiraSession
{
    public static readonly HttpRequestOptionsKey<JiraSession> OptionKey = new("okrconnect.jira.session");

    private readonly ConcurrentDictionary<string, string> _rateLimit = new(StringComparer.OrdinalIgnoreCase);
    private int _apiCalls;

    public JiraSession(ConnectorSettings connector, JiraSettings settings)
    {
        ConnectorId = connector.ConnectorId;
        Settings = settings;
        BaseUri = new Uri(connector.BaseUrl.TrimEnd('/') + "/", UriKind.Absolute);
        Authorization = settings.AuthorizationFor(connector.Credentials);
    }

    public Guid ConnectorId { get; }

    public JiraSettings Settings { get; }

    public Uri BaseUri { get; }

    public AuthenticationHeaderValue Authorization { get; }

    /// <summary>Requests sent over the wire, retries included: that is what Jira's rate limits count.</summary>
    public int ApiCalls => Volatile.Read(ref _apiCalls);

    public IReadOnlyDictionary<string, string> RateLimit => new Dictionary<string, string>(_rateLimit, StringComparer.OrdinalIgnoreCase);

    public string BrowseUrl(string issueKey) => new Uri(BaseUri, "browse/" + Uri.EscapeDataString(issueKey)).AbsoluteUri;

    public void CountAttempt() => Interlocked.Increment(ref _apiCalls);

    /// <summary>Keeps the latest value of each rate-limit header Jira sent (X-RateLimit-*, RateLimit-*, Retry-After).</summary>
    public void Observe(HttpResponseMessage response)
    {
        foreach (var (name, values) in response.Headers)
        {
            if (name.StartsWith("X-RateLimit-", StringComparison.OrdinalIgnoreCase)
                || name.StartsWith("RateLimit-", StringComparison.OrdinalIgnoreCase)
                || name.Equals("Retry-After", StringComparison.OrdinalIgnoreCase))
            {
                _rateLimit[name] = string.Join(",", values);
            }
        }
    }
}

/// <summary>Sits inside the retry handler, so it sees every attempt: counts it and records rate-limit headers.</summary>
internal sealed class JiraCallObserver : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Options.TryGetValue(JiraSession.OptionKey, out var session);
        session?.CountAttempt();
        var response = await base.SendAsync(request, cancellationToken);
        session?.Observe(response);
        return response;
    }
}

/// <summary>
/// The typed HTTP client for Jira. Failures come out as <see cref="TrackerException"/> with a category; a 2xx body that
/// is not the documented JSON is <see cref="TrackerErrorCategory.InvalidResponse"/>. Credentials never reach a message.
/// </summary>
internal sealed class JiraClient(HttpClient http, JiraConcurrencyLimiter limiter)
{
    /// <summary>Set on requests that must not be repeated after an ambiguous failure (creating a comment).</summary>
    public static readonly HttpRequestOptionsKey<bool> IdempotentKey = new("okrconnect.jira.idempotent");

    public Task<JiraUser> GetMyselfAsync(JiraSession s, CancellationToken ct) =>
        SendAsync<JiraUser>(s, HttpMethod.Get, JiraRoutes.Myself(s.Settings), null, "the current user", idempotent: true, ct);

    public Task<JiraServerInfo> GetServerInfoAsync(JiraSession s, CancellationToken ct) =>
        SendAsync<JiraServerInfo>(s, HttpMethod.Get, JiraRoutes.ServerInfo(s.Settings), null, "server info", idempotent: true, ct);

    public Task<List<JiraField>> GetFieldsAsync(JiraSession s, CancellationToken ct) =>
        SendAsync<List<JiraField>>(s, HttpMethod.Get, JiraRoutes.Fields(s.Settings), null, "the field list", idempotent: true, ct);

    public Task<JiraIssue> GetIssueAsync(JiraSession s, string key, IEnumerable<string> fields, CancellationToken ct) =>
        SendAsync<JiraIssue>(s, HttpMethod.Get, JiraRoutes.Issue(s.Settings, key, fields), null, $"issue {key}", idempotent: true, ct);

    public Task EditIssueAsync(JiraSession s, string key, JsonObject edit, CancellationToken ct) =>
        SendAsync(s, HttpMethod.Put, JiraRoutes.EditIssue(s.Settings, key), edit, $"issue {key}", idempotent: true, ct);

    public Task<JiraEnhancedSearchPage> EnhancedSearchAsync(JiraSession s, JiraEnhancedSearchRequest body, CancellationToken ct) =>
        SendAsync<JiraEnhancedSearchPage>(s, HttpMethod.Post, JiraRoutes.EnhancedSearch, body, "the issue search", idempotent: true, ct);

    public Task<JiraSearchPage> SearchAsync(JiraSession s, JiraSearchRequest body, CancellationToken ct) =>
        SendAsync<JiraSearchPage>(s, HttpMethod.Post, JiraRoutes.Search, body, "the issue search", idempotent: true, ct);

    public Task<JiraParsedJqlQueries> ParseJqlAsync(JiraSession s, string jql, CancellationToken ct) =>
        SendAsync<JiraParsedJqlQueries>(s, HttpMethod.Post, JiraRoutes.ParseJql, new JiraJqlParseRequest([jql]), "the JQL check", idempotent: true, ct);

    public Task<JiraCommentPage> GetCommentsAsync(JiraSession s, string key, int startAt, int maxResults, bool expandProperties, CancellationToken ct) =>
        SendAsync<JiraCommentPage>(s, HttpMethod.Get, JiraRoutes.Comments(s.Settings, key, startAt, maxResults, expandProperties), null, $"comments of {key}", idempotent: true, ct);

    public Task<JiraCommentListPage> GetCommentsByIdsAsync(JiraSession s, IReadOnlyList<long> ids, CancellationToken ct) =>
        SendAsync<JiraCommentListPage>(s, HttpMethod.Post, JiraRoutes.CommentsByIds, new JiraCommentListRequest(ids), "comments by id", idempotent: true, ct);

    public Task<JiraComment> AddCommentAsync(JiraSession s, string key, JiraCommentWrite body, CancellationToken ct) =>
        SendAsync<JiraComment>(s, HttpMethod.Post, JiraRoutes.AddComment(s.Settings, key), body, $"a new comment on {key}", idempotent: false, ct);

    public Task<JiraComment> UpdateCommentAsync(JiraSession s, string key, string commentId, JiraCommentWrite body, CancellationToken ct) =>
        SendAsync<JiraComment>(s, HttpMethod.Put, JiraRoutes.UpdateComment(s.Settings, key, commentId), body, $"comment {commentId} on {key}", idempotent: true, ct);

    /// <summary>Null when the issue has no such property (404).</summary>
    public Task<JiraEntityProperty?> GetIssuePropertyAsync(JiraSession s, string key, string propertyKey, CancellationToken ct) =>
        SendOrNullAsync<JiraEntityProperty>(s, JiraRoutes.IssueProperty(s.Settings, key, propertyKey), $"property {propertyKey} of {key}", ct);

    public Task SetIssuePropertyAsync(JiraSession s, string key, string propertyKey, JsonNode value, CancellationToken ct) =>
        SendAsync(s, HttpMethod.Put, JiraRoutes.IssueProperty(s.Settings, key, propertyKey), value, $"property {propertyKey} of {key}", idempotent: true, ct);

    private async Task<T> SendAsync<T>(JiraSession s, HttpMethod method, string route, object? body, string what, bool idempotent, CancellationToken ct)
    {
        using var response = await SendRawAsync(s, method, route, body, what, idempotent, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, what, ct);
        }

        return await ReadJsonAsync<T>(response, what, ct);
    }

    private async Task SendAsync(JiraSession s, HttpMethod method, string route, object? body, string what, bool idempotent, CancellationToken ct)
    {
        using var response = await SendRawAsync(s, method, route, body, what, idempotent, ct);
        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, what, ct);
        }
    }

    private async Task<T?> SendOrNullAsync<T>(JiraSession s, string route, string what, CancellationToken ct)
        where T : class
    {
        using var response = await SendRawAsync(s, HttpMethod.Get, route, null, what, idempotent: true, ct);
        if (response.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            return null;
        }

        if (!response.IsSuccessStatusCode)
        {
            throw await ErrorAsync(response, what, ct);
        }

        return await ReadJsonAsync<T>(response, what, ct);
    }

    private async Task<HttpResponseMessage> SendRawAsync(
        JiraSession s, HttpMethod method, string route, object? body, string what, bool idempotent, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(method, new Uri(s.BaseUri, route));
        request.Headers.Authorization = s.Authorization;
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/json"));
        if (body is not null)
        {
            // Buffered text, so a retry can send the same body again.
            request.Content = new StringContent(JsonSerializer.Serialize(body, JiraJson.Options), Encoding.UTF8, "application/json");
        }

        request.Options.Set(JiraSession.OptionKey, s);
        request.Options.Set(IdempotentKey, idempotent);

        using var slot = await limiter.EnterAsync(s.ConnectorId, s.Settings.MaxConcurrentRequests, ct);
        try
        {
            return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, ct);
        }
        catch (HttpRequestException ex)
        {
            throw new TrackerException(
                TrackerErrorCategory.Unavailable, $"Jira at {s.BaseUri.Host} could not be reached for {what}: {ex.Message}", innerException: ex);
        }
        catch (TimeoutRejectedException ex)
        {
            throw new TrackerException(TrackerErrorCategory.Transient, $"Jira timed out on {what}", innerException: ex);
        }
        catch (TaskCanceledException ex) when (!ct.IsCancellationRequested)
        {
            throw new TrackerException(TrackerErrorCategory.Transient, $"Jira timed out on {what}", innerException: ex);
        }
    }

    private static async Task<T> ReadJsonAsync<T>(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        try
        {
            return JsonSerializer.Deserialize<T>(text, JiraJson.Options)
                ?? throw new JsonException("the body is JSON null");
        }
        catch (JsonException ex)
        {
            throw new TrackerException(
                TrackerErrorCategory.InvalidResponse,
                $"Jira's answer for {what} is not the JSON its API documents ({ex.Message}); body starts: {Snippet(text)}",
                (int)response.StatusCode,
                innerException: ex);
        }
    }

    /// <summary>Maps a failed response to a category, keeping Jira's own words.</summary>
    private static async Task<TrackerException> ErrorAsync(HttpResponseMessage response, string what, CancellationToken ct)
    {
        var status = (int)response.StatusCode;
        var message = await JiraMessageAsync(response, ct) ?? $"HTTP {status} {response.ReasonPhrase}";
        var retryAfter = JiraResilience.RetryAfterOf(response);
        return status switch
        {
            401 or 403 => new TrackerException(TrackerErrorCategory.Authentication, $"credentials rejected: {message}", status),
            404 => new TrackerException(TrackerErrorCategory.NotFound, $"not found: {what} ({message})", status),
            429 => new TrackerException(
                TrackerErrorCategory.RateLimited,
                retryAfter is { } wait
                    ? $"rate limited by Jira on {what}; retry after {wait.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s: {message}"
                    : $"rate limited by Jira on {what}: {message}",
                status,
                retryAfter),
            503 => new TrackerException(TrackerErrorCategory.Unavailable, $"Jira is unavailable for {what}: {message}", status, retryAfter),
            408 or 409 or 425 or >= 500 => new TrackerException(TrackerErrorCategory.Transient, $"Jira failed on {what}: {message}", status, retryAfter),
            _ => new TrackerException(TrackerErrorCategory.InvalidRequest, message, status),
        };
    }

    /// <summary>Jira's errorMessages and per-field errors; otherwise the start of a text body.</summary>
    private static async Task<string?> JiraMessageAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var text = await response.Content.ReadAsStringAsync(ct);
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        try
        {
            var errors = JsonSerializer.Deserialize<JiraErrorCollection>(text, JiraJson.Options);
            var messages = (errors?.ErrorMessages ?? [])
                .Concat((errors?.Errors ?? []).Select(e => $"{e.Key}: {e.Value}"))
                .Where(m => !string.IsNullOrWhiteSpace(m))
                .ToList();
            if (messages.Count > 0)
            {
                return string.Join("; ", messages);
            }
        }
        catch (JsonException)
        {
            // Not an ErrorCollection (Cloud answers some 401s in plain text): fall through to the text itself.
        }

        return Snippet(text);
    }

    private static string Snippet(string text)
    {
        var oneLine = string.Join(' ', text.Split(['\r', '\n', '\t'], StringSplitOptions.RemoveEmptyEntries)).Trim();
        return oneLine.Length <= 200 ? oneLine : oneLine[..200] + "…";
    }
}
