using System.Text.Json.Serialization;
using OkrConnect.Core.Domain;

namespace OkrConnect.Core.Connectors;

/// <summary>
/// The contract every tracker implements (one project per tracker under connectors/).
/// Optional abilities are declared in <see cref="Capabilities"/>, never discovered by catching exceptions.
/// Implementations do the HTTP; the engine owns storage, progress and scheduling.
/// </summary>
public interface ITrackerConnector
{
    /// <summary>The kind this connector serves, e.g. "jira" or "github" (lower case, used in routes).</summary>
    string Kind { get; }

    ConnectorCapabilities Capabilities { get; }

    /// <summary>
    /// How many <see cref="FetchAsync"/> or <see cref="EnsureWriteBackAsync"/> calls the engine may have in flight at
    /// once for the connector with these settings (the tracker's politeness rules decide; the connector's own limiters
    /// and pacers still apply inside each call). 1, the default, keeps them one after another. Never throws: settings
    /// that do not validate answer 1 (the call itself then says what is wrong).
    /// </summary>
    int MaxConcurrentCalls(ConnectorSettings settings) => 1;

    /// <summary>Checks the settings' shape before anything is stored; returns every problem found.</summary>
    IReadOnlyList<string> ValidateSettings(ConnectorSettings settings);

    /// <summary>Checks credentials and describes the server, or says exactly why not.</summary>
    Task<ConnectionTestResult> TestConnectionAsync(ConnectorSettings settings, CancellationToken ct);

    /// <summary>Validates a link target: it exists, is of the right kind; returns its title and URL.</summary>
    Task<TargetDescription> DescribeTargetAsync(ConnectorSettings settings, TargetRef target, CancellationToken ct);

    /// <summary>
    /// Fetches the work items under many targets in as few calls as the tracker allows.
    /// With a <see cref="FetchRequest.Since"/> watermark only items updated since then are returned (incremental).
    /// A fetch cut short returns <see cref="FetchResult.Complete"/> = false for the targets it could not finish.
    /// </summary>
    Task<FetchResult> FetchAsync(ConnectorSettings settings, FetchRequest request, CancellationToken ct);

    /// <summary>
    /// Ensures the write-back on one target for one key result: creates or edits one marked comment, or sets a
    /// field/property. Idempotent: finds its own previous write by <see cref="WriteBackRequest.KnownRemoteId"/>, else by marker.
    /// </summary>
    Task<WriteBackResult> EnsureWriteBackAsync(ConnectorSettings settings, WriteBackRequest request, CancellationToken ct);

    /// <summary>Verifies a webhook delivery's signature (constant time) and parses it into what it touches.</summary>
    WebhookParseResult ParseWebhook(ConnectorSettings settings, WebhookDelivery delivery);
}

[Flags]
public enum ConnectorCapabilities
{
    None = 0,
    IncrementalFetch = 1,
    Webhooks = 2,
    CommentWriteBack = 4,
    FieldWriteBack = 8,
    PropertyWriteBack = 16,

    /// <summary>The connector also implements <see cref="IContainerListing"/> (epics updated in a period).</summary>
    ListContainers = 32,

    /// <summary>The connector also implements <see cref="IReminderCommenter"/> (reminders as comments mentioning the owner).</summary>
    ReminderComments = 64,
}

/// <summary>
/// Decrypted settings handed to a connector for one call. <see cref="Credentials"/> is plaintext only in memory:
/// never log it, never put it in job arguments.
/// </summary>
public sealed record ConnectorSettings(
    Guid ConnectorId,
    string BaseUrl,
    string OptionsJson,
    string? Credentials,
    string? WebhookSecret,
    string Locale)
{
    // Keep secrets out of logs and exception messages that format records.
    public override string ToString() => $"ConnectorSettings {{ ConnectorId = {ConnectorId}, BaseUrl = {BaseUrl} }}";
}

public sealed record TargetRef(string Kind, string Key);

/// <summary>
/// What the tracker says about a link target. <see cref="FailureCategory"/> is set by the engine (never by a connector)
/// when the tracker call itself failed, so a caller can tell "no such target" from "could not ask".
/// </summary>
public sealed record TargetDescription(bool Exists, string? Title, string? Url, string? Error, TrackerErrorCategory? FailureCategory = null)
{
    /// <summary>The tracker could not be asked now (rate limit, hiccup, outage): try again later, the target may be fine.</summary>
    public bool Unverified => FailureCategory is TrackerErrorCategory.RateLimited or TrackerErrorCategory.Transient or TrackerErrorCategory.Unavailable;
}

public sealed record ConnectionTestResult(bool Ok, string Summary, IReadOnlyDictionary<string, string> Details);

/// <summary>
/// The targets to read, from <see cref="Since"/> (incremental) or whole (null). <see cref="Versions"/> holds, per target,
/// the <see cref="TargetItems.Version"/> of the read whose items are stored now: a connector that can tell the tracker
/// "only if changed since this" (ETags) may answer <see cref="TargetItems.Unchanged"/> instead of the items.
/// </summary>
public sealed record FetchRequest(IReadOnlyList<TargetRef> Targets, DateTimeOffset? Since, IReadOnlyDictionary<TargetRef, string>? Versions = null)
{
    public string? VersionOf(TargetRef target) => Versions?.GetValueOrDefault(target);
}

/// <summary>The items found under each target; <see cref="Complete"/> per target tells whether paging finished.</summary>
public sealed record FetchResult(
    IReadOnlyList<TargetItems> Targets,
    int ApiCalls,
    IReadOnlyDictionary<string, string> RateLimit);

/// <summary>
/// One target's read. <see cref="Version"/> is the connector's opaque token for what it read (null when it has none);
/// the engine stores it with the items and hands it back in the next <see cref="FetchRequest.Versions"/>.
/// <see cref="Unchanged"/>: the tracker confirmed nothing changed since the request's version, so the stored items
/// stand and <see cref="Items"/> is empty; only ever with <see cref="Complete"/>.
/// </summary>
public sealed record TargetItems(TargetRef Target, IReadOnlyList<WorkItem> Items, bool Complete, string? Error, string? Version = null, bool Unchanged = false);

public sealed record WriteBackRequest(
    TargetRef Target,
    WriteBackMode Mode,
    Guid KeyResultId,
    WriteBackContent Content,
    string? KnownRemoteId);

/// <summary>What the write-back says; the connector renders it natively (ADF, wiki markup, Markdown).</summary>
public sealed record WriteBackContent(
    string KeyResultTitle,
    KeyResultType KeyResultType,
    double? Progress,
    string BreakdownText,
    int Done,
    int Total,
    int Excluded,
    ProgressModel Model,
    string ObjectiveTitle,
    string CycleName,
    int? Confidence,
    CheckInStatus? Status,
    bool AtRisk,
    IReadOnlyList<string> RiskReasons,
    bool Stale,
    string? StaleReason,
    DateTimeOffset ComputedAt,
    string KeyResultUrl,
    string Locale,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] ManualProgressNote? Manual = null);

/// <summary>
/// <see cref="WriteBackContent.Progress"/> is a value set by hand (it holds until the linked work changes): who set
/// it, why, and what the linked work says, so the tracker shows the same number as OkrConnect and where it came from.
/// </summary>
public sealed record ManualProgressNote(string SetBy, string Reason, double? ComputedProgress);

/// <summary>
/// <see cref="Reason"/> says why nothing was written when <see cref="Written"/> is false for a reason other than
/// "already up to date" (e.g. the target kind has no single place to write to), so the engine can show it.
/// <see cref="PendingWrites"/> is how many writes on the same credential were still waiting for their turn (or in
/// flight) when this one finished, for trackers that pace their writes (GitHub); 0 for those that do not.
/// </summary>
public sealed record WriteBackResult(string? RemoteId, int ApiCalls, bool Written, string? Reason = null, int PendingWrites = 0);

public sealed record WebhookDelivery(IReadOnlyDictionary<string, string> Headers, byte[] Body);

public sealed record WebhookParseResult(
    bool SignatureValid,
    string? DeliveryId,
    string? EventType,
    IReadOnlyList<string> ItemExternalIds,
    IReadOnlyList<TargetRef> Targets);
