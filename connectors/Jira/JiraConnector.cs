using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using OkrConnect.Connectors.Jira.Payloads;
using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.Jira;

/// <summary>
/// Jira Cloud and Data Center behind <see cref="ITrackerConnector"/>: reads the issues under epics and JQL queries,
/// ensures one progress comment (or a field, or an entity property) per target and key result, and reads webhooks.
/// </summary>
public sealed partial class JiraConnector : ITrackerConnector, IContainerListing
{
    public const string ConnectorKind = "jira";
    public const string EpicTargetKind = "jira-epic";
    public const string JqlTargetKind = "jira-jql";

    /// <summary>The comment property that marks our comment and remembers what it last said.</summary>
    internal const string CommentMarkerKey = "okrconnect";

    // Many epics share one search; 100 keys keep the JQL well under Jira's query-length limits.
    internal const int EpicsPerQuery = 100;

    // Jira caps the page itself; asking for the maximum with few fields gets the largest pages it allows.
    internal const int CloudPageSize = 5000;
    internal const int DataCenterPageSize = 1000;

    // JQL compares at minute precision and the clocks may disagree a little.
    internal static readonly TimeSpan IncrementalSafetyMargin = TimeSpan.FromMinutes(5);

    private static readonly string[] ContainerFields = ["summary", "updated"];

    private static readonly string[] BaseSearchFields = ["summary", "status", "resolution", "issuetype", "parent", "updated"];

    private readonly JiraClient _client;
    private readonly JiraSiteCache _site;

    internal JiraConnector(JiraClient client, JiraSiteCache site)
    {
        _client = client;
        _site = site;
    }

    public string Kind => ConnectorKind;

    public ConnectorCapabilities Capabilities =>
        ConnectorCapabilities.IncrementalFetch
        | ConnectorCapabilities.Webhooks
        | ConnectorCapabilities.CommentWriteBack
        | ConnectorCapabilities.FieldWriteBack
        | ConnectorCapabilities.PropertyWriteBack
        | ConnectorCapabilities.ListContainers
        | ConnectorCapabilities.ReminderComments;

    public IReadOnlyList<string> ValidateSettings(ConnectorSettings settings) => JiraSettings.TryParse(settings, out _);

    /// <summary>
    /// <c>maxConcurrentRequests</c>: the engine runs that many fetches (and write-backs) at once; every request still
    /// takes a slot of the connector's <see cref="JiraConcurrencyLimiter"/>, so the site never sees more.
    /// </summary>
    public int MaxConcurrentCalls(ConnectorSettings settings) =>
        JiraSettings.TryParse(settings, out var jira).Count == 0 && jira is not null ? jira.MaxConcurrentRequests : 1;

    public async Task<ConnectionTestResult> TestConnectionAsync(ConnectorSettings settings, CancellationToken ct)
    {
        var problems = JiraSettings.TryParse(settings, out var jira);
        if (jira is null)
        {
            return new ConnectionTestResult(false, "settings are invalid: " + string.Join("; ", problems), new Dictionary<string, string>());
        }

        var session = new JiraSession(settings, jira);
        var details = new Dictionary<string, string> { ["baseUrl"] = session.BaseUri.AbsoluteUri };
        try
        {
            var me = await _client.GetMyselfAsync(session, ct);
            details["user"] = me.DisplayName;
            details[jira.Deployment == JiraDeployment.Cloud ? "accountId" : "userName"] = me.AccountId ?? me.Name ?? string.Empty;
            details["timeZone"] = me.TimeZone ?? "unknown";
            _site.RememberZone(session, me.TimeZone);

            var info = await _client.GetServerInfoAsync(session, ct);
            details["deploymentType"] = info.DeploymentType ?? "unknown";
            details["version"] = info.Version;

            var fields = await _client.GetFieldsAsync(session, ct);
            var site = _site.Remember(session, fields);
            var notes = new List<string>();
            details["storyPointFields"] = DescribeStoryPoints(jira, fields, site, notes);
            if (jira.Deployment == JiraDeployment.DataCenter)
            {
                details["epicLinkField"] = DescribeEpicLink(jira, fields, site, notes);
            }

            var isCloud = string.Equals(info.DeploymentType, "Cloud", StringComparison.OrdinalIgnoreCase);
            if (isCloud != (jira.Deployment == JiraDeployment.Cloud))
            {
                return new ConnectionTestResult(
                    false,
                    $"the site reports deployment \"{info.DeploymentType}\" but the connector is set to \"{(jira.Deployment == JiraDeployment.Cloud ? "cloud" : "datacenter")}\"",
                    details);
            }

            var summary = $"connected to Jira {info.DeploymentType} {info.Version} as {me.DisplayName}; story points: {details["storyPointFields"]}";
            return new ConnectionTestResult(true, notes.Count == 0 ? summary : $"{summary} ({string.Join("; ", notes)})", details);
        }
        catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound && session.ApiCalls <= 1)
        {
            // The very first call 404s: the base URL is wrong or the deployment (and so the API version) is.
            return new ConnectionTestResult(
                false,
                $"no Jira REST API v{jira.ApiVersion} at {session.BaseUri}: check the base URL and whether the site is Cloud or Data Center ({ex.Message})",
                details);
        }
        catch (TrackerException ex)
        {
            return new ConnectionTestResult(false, ex.Message, details);
        }
    }

    public async Task<TargetDescription> DescribeTargetAsync(ConnectorSettings settings, TargetRef target, CancellationToken ct)
    {
        var jira = JiraSettings.Parse(settings);
        var session = new JiraSession(settings, jira);
        switch (target.Kind)
        {
            case EpicTargetKind:
                if (!JqlText.IssueKey().IsMatch(target.Key))
                {
                    return new TargetDescription(false, null, null, $"\"{target.Key}\" is not an issue key like PROJ-12");
                }

                JiraIssue issue;
                try
                {
                    issue = await _client.GetIssueAsync(session, target.Key, ["summary", "issuetype"], ct);
                }
                catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound)
                {
                    return new TargetDescription(false, null, null, $"not found: {target.Key} does not exist or the connector's account cannot see it");
                }

                var type = issue.Fields?.Issuetype;
                var url = session.BrowseUrl(issue.Key);
                var isEpic = string.Equals(type?.Name, "Epic", StringComparison.OrdinalIgnoreCase) || type?.HierarchyLevel == 1;
                return isEpic
                    ? new TargetDescription(true, issue.Fields?.Summary, url, null)
                    : new TargetDescription(false, issue.Fields?.Summary, url, $"{issue.Key} is a {type?.Name ?? "issue"}, not an epic");

            case JqlTargetKind:
                if (string.IsNullOrWhiteSpace(target.Key))
                {
                    return new TargetDescription(false, null, null, "the JQL query is empty");
                }

                var errors = await JqlErrorsAsync(session, target.Key, ct);
                return errors.Count == 0
                    ? new TargetDescription(true, target.Key, new Uri(session.BaseUri, "issues/?jql=" + Uri.EscapeDataString(target.Key)).AbsoluteUri, null)
                    : new TargetDescription(false, null, null, "Jira rejected the JQL: " + string.Join("; ", errors));

            default:
                return new TargetDescription(false, null, null, UnsupportedKind(target));
        }
    }

    public async Task<FetchResult> FetchAsync(ConnectorSettings settings, FetchRequest request, CancellationToken ct)
    {
        var jira = JiraSettings.Parse(settings);
        var session = new JiraSession(settings, jira);
        var (pointFields, epicLinkField) = await ResolveFieldsAsync(session, ct);
        var since = request.Since is { } watermark ? await UpdatedSinceClauseAsync(session, watermark, ct) : null;
        var mapper = new JiraWorkItemMapper(jira, pointFields);
        var searchFields = BaseSearchFields.Concat(pointFields).Append(epicLinkField).OfType<string>().Distinct().ToList();
        var results = new Dictionary<TargetRef, TargetItems>();

        var epics = new List<TargetRef>();
        foreach (var target in request.Targets.Distinct())
        {
            switch (target.Kind)
            {
                case EpicTargetKind when !JqlText.IssueKey().IsMatch(target.Key):
                    results[target] = new TargetItems(target, [], false, $"\"{target.Key}\" is not an issue key like PROJ-12");
                    break;
                case EpicTargetKind when jira.Deployment == JiraDeployment.DataCenter && epicLinkField is null:
                    results[target] = new TargetItems(target, [], false, "no \"Epic Link\" field found on this site; set epicLinkField in the connector options");
                    break;
                case EpicTargetKind:
                    epics.Add(target);
                    break;
                case JqlTargetKind:
                    results[target] = await FetchJqlTargetAsync(session, target, since, searchFields, mapper, ct);
                    break;
                default:
                    results[target] = new TargetItems(target, [], false, UnsupportedKind(target));
                    break;
            }
        }

        foreach (var chunk in epics.Chunk(EpicsPerQuery))
        {
            foreach (var items in await FetchEpicsAsync(session, chunk, epicLinkField, since, searchFields, mapper, ct))
            {
                results[items.Target] = items;
            }
        }

        return new FetchResult(request.Targets.Select(t => results[t]).ToList(), session.ApiCalls, session.RateLimit);
    }

    public async Task<WriteBackResult> EnsureWriteBackAsync(ConnectorSettings settings, WriteBackRequest request, CancellationToken ct)
    {
        var jira = JiraSettings.Parse(settings);
        var session = new JiraSession(settings, jira);
        if (request.Mode == WriteBackMode.None)
        {
            return new WriteBackResult(request.KnownRemoteId, 0, false);
        }

        if (request.Target.Kind != EpicTargetKind || !JqlText.IssueKey().IsMatch(request.Target.Key))
        {
            // A query has no single issue to write on: nothing to do, and the engine shows why.
            return new WriteBackResult(null, 0, false, $"{request.Target.Kind} \"{request.Target.Key}\" has no single issue to write progress on");
        }

        var key = request.Target.Key;
        var (remoteId, written) = request.Mode switch
        {
            WriteBackMode.Comment => await EnsureCommentAsync(session, key, request, settings.Locale, ct),
            WriteBackMode.Field => await EnsureFieldAsync(session, key, request.Content, ct),
            WriteBackMode.Property => await EnsurePropertyAsync(session, key, request, ct),
            _ => throw new TrackerException(TrackerErrorCategory.InvalidRequest, $"unknown write-back mode {request.Mode}"),
        };
        return new WriteBackResult(remoteId, session.ApiCalls, written);
    }

    /// <summary>
    /// Epics updated since <paramref name="since"/>: <c>issuetype = Epic AND updated &gt;= "…"</c> (in the API user's time
    /// zone with the incremental safety margin, then filtered exactly on the returned <c>updated</c>), all pages read
    /// (Cloud: enhanced search with nextPageToken; Data Center: /rest/api/2/search with startAt). Any failure is thrown:
    /// a partial list would pass unlisted epics off as covered.
    /// </summary>
    public async Task<IReadOnlyList<ContainerSummary>> ListContainersUpdatedSinceAsync(ConnectorSettings settings, DateTimeOffset since, CancellationToken ct)
    {
        var jira = JiraSettings.Parse(settings);
        var session = new JiraSession(settings, jira);
        var jql = $"issuetype = Epic AND {await UpdatedSinceClauseAsync(session, since, ct)}";
        var (issues, error) = await SearchAllAsync(session, jql, ContainerFields, ct);
        if (error is not null)
        {
            throw error;
        }

        var result = new List<ContainerSummary>();
        foreach (var issue in issues)
        {
            // An issue without a readable "updated" is kept: dropping it would hide a possible orphan.
            var updated = ParseJiraTime(issue.Fields?.Updated);
            if (updated is { } at && at < since)
            {
                continue;
            }

            result.Add(new ContainerSummary(
                new TargetRef(EpicTargetKind, issue.Key), issue.Fields?.Summary ?? issue.Key, session.BrowseUrl(issue.Key), updated ?? since));
        }

        return result;
    }

    /// <summary>Jira writes "2026-11-03T10:15:30.000+0100" (no colon in the offset); ISO 8601 proper is accepted too.</summary>
    internal static DateTimeOffset? ParseJiraTime(string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }

        var value = text.Trim();
        if (value.Length > 5 && (value[^5] == '+' || value[^5] == '-') && value[^4..].All(char.IsAsciiDigit))
        {
            value = value[..^2] + ":" + value[^2..];
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed) ? parsed : null;
    }

    public WebhookParseResult ParseWebhook(ConnectorSettings settings, WebhookDelivery delivery)
    {
        // Webhooks make no calls: the Epic Link id comes from the options or from an earlier discovery.
        string? epicLinkField = null;
        if (JiraSettings.TryParse(settings, out var jira).Count == 0 && jira is not null)
        {
            epicLinkField = jira.EpicLinkField
                ?? (jira.Deployment == JiraDeployment.DataCenter ? _site.KnownEpicLinkField(new JiraSession(settings, jira)) : null);
        }

        return JiraWebhookParser.Parse(delivery, settings.WebhookSecret, epicLinkField);
    }

    private async Task<TargetItems[]> FetchEpicsAsync(
        JiraSession session,
        TargetRef[] chunk,
        string? epicLinkField,
        string? since,
        IReadOnlyList<string> fields,
        JiraWorkItemMapper mapper,
        CancellationToken ct)
    {
        // Cloud links children to epics through "parent" (team- and company-managed alike); Data Center through Epic Link.
        var keys = string.Join(", ", chunk.Select(t => t.Key.ToUpperInvariant()).Distinct());
        var clause = session.Settings.Deployment == JiraDeployment.Cloud
            ? $"parent in ({keys})"
            : $"cf[{epicLinkField!.Replace("customfield_", string.Empty, StringComparison.Ordinal)}] in ({keys})";
        var jql = since is null ? clause : $"{clause} AND {since}";

        var (issues, error) = await SearchAllAsync(session, jql, fields, ct);
        var byEpic = new Dictionary<string, List<WorkItem>>(StringComparer.OrdinalIgnoreCase);
        foreach (var target in chunk)
        {
            byEpic.TryAdd(target.Key, []);
        }

        foreach (var issue in issues)
        {
            // The epic never counts itself, and an issue goes only to the epic it names.
            if (JiraWorkItemMapper.EpicKeyOf(issue, epicLinkField) is { } epic
                && !string.Equals(issue.Key, epic, StringComparison.OrdinalIgnoreCase)
                && byEpic.TryGetValue(epic, out var items)
                && mapper.Map(issue) is { } item)
            {
                items.Add(item);
            }
        }

        return chunk.Select(t => new TargetItems(t, byEpic[t.Key], error is null, error?.Message)).ToArray();
    }

    private async Task<TargetItems> FetchJqlTargetAsync(
        JiraSession session, TargetRef target, string? since, IReadOnlyList<string> fields, JiraWorkItemMapper mapper, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(target.Key))
        {
            return new TargetItems(target, [], false, "the JQL query is empty");
        }

        var (issues, error) = await SearchAllAsync(session, JqlText.And(target.Key, since), fields, ct);
        var items = issues.Select(mapper.Map).OfType<WorkItem>().ToList();
        return new TargetItems(target, items, error is null, error?.Message);
    }

    /// <summary>
    /// Pages through a search to the end. A failure stops the paging and is returned with what was read so far,
    /// so only this query's targets are marked incomplete.
    /// </summary>
    private async Task<(List<JiraIssue> Issues, TrackerException? Error)> SearchAllAsync(
        JiraSession session, string jql, IReadOnlyList<string> fields, CancellationToken ct)
    {
        var issues = new List<JiraIssue>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        void Add(IEnumerable<JiraIssue> page) => issues.AddRange(page.Where(i => seen.Add(i.Key)));

        try
        {
            if (session.Settings.Deployment == JiraDeployment.Cloud)
            {
                var tokens = new HashSet<string>(StringComparer.Ordinal);
                string? token = null;
                do
                {
                    var page = await _client.EnhancedSearchAsync(session, new JiraEnhancedSearchRequest(jql, fields, CloudPageSize, token), ct);
                    Add(page.Issues);
                    token = page.IsLast == true ? null : page.NextPageToken;
                    if (token is not null && !tokens.Add(token))
                    {
                        throw new TrackerException(TrackerErrorCategory.InvalidResponse, "Jira returned the same nextPageToken twice; paging would never end");
                    }
                }
                while (!string.IsNullOrEmpty(token));
            }
            else
            {
                var startAt = 0;
                while (true)
                {
                    var page = await _client.SearchAsync(session, new JiraSearchRequest(jql, startAt, DataCenterPageSize, fields), ct);
                    Add(page.Issues);
                    startAt += page.Issues.Count;

                    // "total" can move while paging; an empty page is the only sure end.
                    if (page.Issues.Count == 0 || startAt >= page.Total)
                    {
                        break;
                    }
                }
            }

            return (issues, null);
        }
        catch (TrackerException ex) when (ex.Category != TrackerErrorCategory.Authentication)
        {
            // Refused credentials fail every query alike: thrown, so the engine marks the connector, not just these targets.
            return (issues, ex);
        }
    }

    private async Task<(IReadOnlyList<string> StoryPoints, string? EpicLink)> ResolveFieldsAsync(JiraSession session, CancellationToken ct)
    {
        var settings = session.Settings;
        var needsEpicLink = settings.Deployment == JiraDeployment.DataCenter && settings.EpicLinkField is null;
        if (settings.StoryPointFields.Count > 0 && !needsEpicLink)
        {
            return (settings.StoryPointFields, settings.EpicLinkField);
        }

        var site = await _site.GetFieldsAsync(session, _client, ct);
        return (
            settings.StoryPointFields.Count > 0 ? settings.StoryPointFields : site.StoryPointFields.Select(f => f.Id).ToList(),
            settings.EpicLinkField ?? site.EpicLink?.Id);
    }

    /// <summary>
    /// JQL reads <c>updated &gt;= "yyyy-MM-dd HH:mm"</c> in the API user's time zone at minute precision, so the
    /// watermark is moved back by a safety margin and written in that zone. An unknown zone widens the margin by
    /// the largest UTC offset (14 h): a few items too many, never one too few.
    /// </summary>
    private async Task<string> UpdatedSinceClauseAsync(JiraSession session, DateTimeOffset since, CancellationToken ct)
    {
        var zone = await _site.GetUserTimeZoneAsync(session, _client, ct);
        var from = since - IncrementalSafetyMargin;
        var local = zone is null ? from.UtcDateTime - TimeSpan.FromHours(14) : TimeZoneInfo.ConvertTime(from, zone).DateTime;
        return $"updated >= \"{local.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)}\"";
    }

    private async Task<IReadOnlyList<string>> JqlErrorsAsync(JiraSession session, string jql, CancellationToken ct)
    {
        try
        {
            if (session.Settings.Deployment == JiraDeployment.Cloud)
            {
                var parsed = await _client.ParseJqlAsync(session, jql, ct);
                return parsed.Queries.SelectMany(q => q.Errors ?? []).ToList();
            }

            // Data Center has no parse endpoint: an empty search validates the query.
            await _client.SearchAsync(session, new JiraSearchRequest(jql, 0, 0, ["summary"]), ct);
            return [];
        }
        catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.InvalidRequest)
        {
            return [ex.Message];
        }
    }

    private async Task<(string RemoteId, bool Written)> EnsureCommentAsync(
        JiraSession session, string key, WriteBackRequest request, string locale, CancellationToken ct)
    {
        JsonNode body = session.Settings.Deployment == JiraDeployment.Cloud
            ? AdfRenderer.Render(request.Content, locale)
            : JsonValue.Create(WikiMarkupRenderer.Render(request.Content, locale));
        var hash = ContentHash(body.ToJsonString());
        var write = new JiraCommentWrite(body, [new JiraEntityProperty { Key = CommentMarkerKey, Value = Marker(request.KeyResultId, hash) }]);

        // 1. The comment we wrote last time: edited in place, no read first (the engine only calls when its content
        //    changed). The id is ours: the engine stores only what this method returned, i.e. a comment we created or
        //    one found carrying our marker for this key result; and the edit writes the marker again with the text.
        //    Jira answers 404 when the comment was deleted (or is not on this issue): then look for it as below.
        //    A non-numeric id was stored by another write-back mode (a field id, a property key): not a comment.
        if (request.KnownRemoteId is { } knownId
            && long.TryParse(knownId, NumberStyles.None, CultureInfo.InvariantCulture, out _)
            && !string.Equals(knownId, session.Settings.PropertyKey, StringComparison.Ordinal))
        {
            try
            {
                await _client.UpdateCommentAsync(session, key, knownId, write, ct);
                return (knownId, true);
            }
            catch (TrackerException ex) when (ex.Category == TrackerErrorCategory.NotFound)
            {
                // Deleted: found by marker if a copy exists (never two comments), else created again.
            }
        }

        // 2. Our comment from a run that never recorded its id (a crash): found by its marker property.
        if (await FindMarkedCommentAsync(session, key, request.KeyResultId, ct) is { } found)
        {
            return await EditIfChangedAsync(found.Id, found.Marker.ContentHash);
        }

        // 3. None: create it, marker included, in one call.
        var created = await _client.AddCommentAsync(session, key, write, ct);
        return (created.Id, true);

        async Task<(string, bool)> EditIfChangedAsync(string commentId, string previousHash)
        {
            if (string.Equals(previousHash, hash, StringComparison.Ordinal))
            {
                return (commentId, false);
            }

            await _client.UpdateCommentAsync(session, key, commentId, write, ct);
            return (commentId, true);
        }
    }

    /// <summary>Our write-back comment for this key result, found by its marker property.</summary>
    private async Task<(string Id, CommentMarker Marker)?> FindMarkedCommentAsync(JiraSession session, string key, Guid keyResultId, CancellationToken ct)
    {
        await foreach (var comments in ListCommentsWithPropertiesAsync(session, key, ct))
        {
            foreach (var comment in comments)
            {
                var property = comment.Properties?.FirstOrDefault(p => p.Key == CommentMarkerKey);
                if (ReadMarker(property?.Value) is { } marker && marker.KeyResultId == keyResultId)
                {
                    return (comment.Id, marker);
                }
            }
        }

        return null;
    }

    /// <summary>
    /// The issue's comments with their properties, a page at a time (100, the most Jira serves). Data Center returns
    /// properties with <c>expand=properties</c>; Cloud documents that only for comments-by-ids, so Cloud asks for each
    /// page's ids there.
    /// </summary>
    private async IAsyncEnumerable<IReadOnlyList<JiraComment>> ListCommentsWithPropertiesAsync(
        JiraSession session, string key, [System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken ct)
    {
        const int pageSize = 100;
        var isCloud = session.Settings.Deployment == JiraDeployment.Cloud;
        for (var startAt = 0; ; startAt += pageSize)
        {
            var page = await _client.GetCommentsAsync(session, key, startAt, pageSize, expandProperties: !isCloud, ct);
            IReadOnlyList<JiraComment> comments = page.Comments;
            if (isCloud && comments.Count > 0)
            {
                var ids = comments.Select(c => long.TryParse(c.Id, NumberStyles.None, CultureInfo.InvariantCulture, out var id) ? id : -1).Where(id => id >= 0).ToList();
                comments = (await _client.GetCommentsByIdsAsync(session, ids, ct)).Values;
            }

            yield return comments;
            if (page.Comments.Count == 0 || startAt + page.Comments.Count >= page.Total)
            {
                yield break;
            }
        }
    }

    /// <summary>Sets the number field to the progress in percent (0–100, one decimal), only when it differs.</summary>
    private async Task<(string RemoteId, bool Written)> EnsureFieldAsync(JiraSession session, string key, WriteBackContent content, CancellationToken ct)
    {
        var fieldId = session.Settings.WriteBackField
            ?? throw new TrackerException(TrackerErrorCategory.InvalidRequest, "field write-back needs writeBackField in the Jira connector options");
        var issue = await _client.GetIssueAsync(session, key, [fieldId], ct);
        double? current = issue.Fields?.CustomFields is { } custom && custom.TryGetValue(fieldId, out var value) && value.ValueKind == JsonValueKind.Number
            ? value.GetDouble()
            : null;
        double? wanted = content.Progress is { } progress ? Math.Round(progress * 100, 1) : null;
        if (current is null ? wanted is null : wanted is not null && Math.Abs(current.Value - wanted.Value) < 0.05)
        {
            return (fieldId, false);
        }

        await _client.EditIssueAsync(session, key, new JsonObject { ["fields"] = new JsonObject { [fieldId] = wanted } }, ct);
        return (fieldId, true);
    }

    /// <summary>Sets the issue entity property that JQL and apps can read; only when its value differs.</summary>
    private async Task<(string RemoteId, bool Written)> EnsurePropertyAsync(JiraSession session, string key, WriteBackRequest request, CancellationToken ct)
    {
        var c = request.Content;
        var value = new JsonObject
        {
            ["keyResultId"] = request.KeyResultId.ToString(),
            ["progress"] = c.Progress,
            ["done"] = c.Done,
            ["total"] = c.Total,
            ["excluded"] = c.Excluded,
            ["model"] = c.Model switch
            {
                ProgressModel.Points => "points",
                ProgressModel.StatusWeighted => "status-weighted",
                _ => "count",
            },
            ["computedAt"] = c.ComputedAt.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture),
            ["url"] = c.KeyResultUrl,
        };

        var propertyKey = session.Settings.PropertyKey;
        var existing = await _client.GetIssuePropertyAsync(session, key, propertyKey, ct);
        if (existing?.Value is { } current && JsonNode.DeepEquals(current, value))
        {
            return (propertyKey, false);
        }

        await _client.SetIssuePropertyAsync(session, key, propertyKey, value, ct);
        return (propertyKey, true);
    }

    private static string DescribeStoryPoints(JiraSettings settings, IReadOnlyList<Payloads.JiraField> fields, JiraSiteFields site, List<string> notes)
    {
        if (settings.StoryPointFields.Count > 0)
        {
            var missing = settings.StoryPointFields.Where(id => fields.All(f => f.Id != id)).ToList();
            if (missing.Count > 0)
            {
                notes.Add($"configured story-point field(s) {string.Join(", ", missing)} not found on the site");
            }

            return string.Join(", ", settings.StoryPointFields) + " (configured)";
        }

        if (site.StoryPointFields.Count == 0)
        {
            notes.Add($"no field named {string.Join(" or ", JiraSiteFields.StoryPointFieldNames.Select(n => $"\"{n}\""))} is visible to this account, so points-based progress falls back to counts; set storyPointFields to name one");
            return "none found";
        }

        return string.Join(", ", site.StoryPointFields.Select(f => $"{f.Id} ({f.Name})"));
    }

    private static string DescribeEpicLink(JiraSettings settings, IReadOnlyList<Payloads.JiraField> fields, JiraSiteFields site, List<string> notes)
    {
        if (settings.EpicLinkField is { } configured)
        {
            if (fields.All(f => f.Id != configured))
            {
                notes.Add($"configured epicLinkField {configured} not found on the site");
            }

            return configured + " (configured)";
        }

        if (site.EpicLink is null)
        {
            notes.Add("no \"Epic Link\" field found, so jira-epic targets cannot be read; set epicLinkField");
            return "none found";
        }

        return site.EpicLink.Id;
    }

    private static string UnsupportedKind(TargetRef target) =>
        $"unsupported target kind \"{target.Kind}\": the Jira connector serves {EpicTargetKind} and {JqlTargetKind}";

    private static string ContentHash(string rendered) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(rendered)));

    private static JsonNode Marker(Guid keyResultId, string hash) =>
        JsonSerializer.SerializeToNode(new CommentMarker(keyResultId, hash), JiraJson.Options)!;

    private static CommentMarker? ReadMarker(JsonNode? value)
    {
        if (value is not JsonObject)
        {
            return null;
        }

        try
        {
            return value.Deserialize<CommentMarker>(JiraJson.Options);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Stored as the comment's "okrconnect" property: whose comment it is and a hash of what it says.</summary>
    internal sealed record CommentMarker(Guid KeyResultId, string ContentHash);
}
