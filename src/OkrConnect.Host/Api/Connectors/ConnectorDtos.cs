using System.Text.Json;
using System.Text.RegularExpressions;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Connectors;

/// <summary>A connector as the API shows it: secrets only as their presence, never their value.</summary>
public sealed record ConnectorResponse(
    Guid Id,
    string Kind,
    string Name,
    string BaseUrl,
    JsonElement Options,
    string Locale,
    string SyncCron,
    bool Enabled,
    bool HasCredentials,
    bool HasWebhookSecret,
    DateTimeOffset CreatedAt)
{
    public static ConnectorResponse From(ConnectorConfig c)
    {
        using var options = JsonDocument.Parse(c.Options);
        return new(c.Id, c.Kind, c.Name, c.BaseUrl, options.RootElement.Clone(), c.Locale, c.SyncCron, c.Enabled, c.HasCredentials, c.HasWebhookSecret, c.CreatedAt);
    }
}

/// <summary>
/// credentials and webhookSecret are write-only: they are encrypted before storage and never returned.
/// Defaults: options {}, locale en, syncCron every 15 minutes, enabled.
/// </summary>
[RequiredFields("kind", "name", "baseUrl")]
public sealed record CreateConnectorRequest(
    string? Kind,
    string? Name,
    string? BaseUrl,
    JsonElement? Options,
    string? Locale,
    string? SyncCron,
    bool? Enabled,
    string? Credentials,
    string? WebhookSecret)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        ConnectorRules.CheckKind(errors, Kind);
        errors.RequireText("name", Name, TextLimits.Name);
        ConnectorRules.CheckBaseUrl(errors, BaseUrl);
        ConnectorRules.CheckOptions(errors, Options);
        ConnectorRules.CheckLocale(errors, Locale);
        ConnectorRules.CheckCron(errors, SyncCron);
        ConnectorRules.CheckSecret(errors, "credentials", Credentials);
        ConnectorRules.CheckSecret(errors, "webhookSecret", WebhookSecret);
        return errors;
    }

    public ConnectorConfig ToConnector(DateTimeOffset now) => new(
        Guid.NewGuid(),
        Kind!,
        Name!.Trim(),
        ConnectorRules.NormalizeBaseUrl(BaseUrl!),
        Options?.GetRawText() ?? "{}",
        ConnectorRules.CanonicalLocale(Locale),
        SyncCron?.Trim() ?? ConnectorRules.DefaultSyncCron,
        Enabled ?? true,
        HasCredentials: Credentials is not null,
        HasWebhookSecret: WebhookSecret is not null,
        now);
}

/// <summary>
/// Only the fields present change. For credentials and webhookSecret: absent keeps the stored secret, null removes it,
/// a value replaces it. The kind is fixed once created.
/// </summary>
public sealed record UpdateConnectorRequest(
    Optional<string?> Name,
    Optional<string?> BaseUrl,
    Optional<JsonElement?> Options,
    Optional<string?> Locale,
    Optional<string?> SyncCron,
    Optional<bool?> Enabled,
    Optional<string?> Credentials,
    Optional<string?> WebhookSecret)
{
    public ValidationErrors Validate()
    {
        var errors = new ValidationErrors();
        if (Name.IsSet)
        {
            errors.RequireText("name", Name.Value, TextLimits.Name);
        }

        if (BaseUrl.IsSet)
        {
            ConnectorRules.CheckBaseUrl(errors, BaseUrl.Value);
        }

        ConnectorRules.CheckOptions(errors, Options.Value);
        ConnectorRules.CheckLocale(errors, Locale.Value);
        ConnectorRules.CheckCron(errors, SyncCron.Value);
        foreach (var (field, cleared) in new[] { ("options", Options.IsSetToNull), ("locale", Locale.IsSetToNull), ("syncCron", SyncCron.IsSetToNull), ("enabled", Enabled.IsSetToNull) })
        {
            if (cleared)
            {
                errors.Add(field, $"{field} cannot be removed.");
            }
        }

        ConnectorRules.CheckSecret(errors, "credentials", Credentials.Value);
        ConnectorRules.CheckSecret(errors, "webhookSecret", WebhookSecret.Value);
        return errors;
    }

    public ConnectorConfig ApplyTo(ConnectorConfig current) => current with
    {
        Name = Name.Value?.Trim() ?? current.Name,
        BaseUrl = BaseUrl.Value is { } url ? ConnectorRules.NormalizeBaseUrl(url) : current.BaseUrl,
        Options = Options.Value?.GetRawText() ?? current.Options,
        Locale = Locale.Value is { } locale ? ConnectorRules.CanonicalLocale(locale) : current.Locale,
        SyncCron = SyncCron.Value?.Trim() ?? current.SyncCron,
        Enabled = Enabled.Value ?? current.Enabled,
        HasCredentials = Credentials.IsSet ? Credentials.Value is not null : current.HasCredentials,
        HasWebhookSecret = WebhookSecret.IsSet ? WebhookSecret.Value is not null : current.HasWebhookSecret,
    };
}

internal static partial class ConnectorRules
{
    public const string DefaultSyncCron = "*/15 * * * *";

    private static readonly string[] Locales = ["en", "zh-CN"];

    public static void CheckKind(ValidationErrors errors, string? kind)
    {
        errors.RequireText("kind", kind, 50);
        if (kind is { Length: > 0 } && !KindPattern().IsMatch(kind))
        {
            errors.Add("kind", $"kind must be lower-case letters, digits and dashes, such as \"jira\" or \"github\" (got \"{kind}\").");
        }
    }

    public static void CheckBaseUrl(ValidationErrors errors, string? baseUrl)
    {
        if (baseUrl is null)
        {
            errors.Add("baseUrl", "baseUrl is required.");
        }
        else if (!Uri.TryCreate(baseUrl.Trim(), UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https"))
        {
            errors.Add("baseUrl", $"baseUrl must be an absolute http or https URL, such as \"https://example.atlassian.net\" (got \"{baseUrl}\").");
        }
        else if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            // Credentials in the URL would be stored and shown in clear; they belong in the write-only credentials.
            errors.Add("baseUrl", "baseUrl must not contain a user name or password; send them as credentials.");
        }
    }

    public static void CheckOptions(ValidationErrors errors, JsonElement? options)
    {
        if (options is { } value && value.ValueKind != JsonValueKind.Object)
        {
            errors.Add("options", $"options must be a JSON object (got {value.ValueKind.ToString().ToLowerInvariant()}).");
        }
    }

    public static void CheckLocale(ValidationErrors errors, string? locale)
    {
        if (locale is not null && !Locales.Contains(locale, StringComparer.OrdinalIgnoreCase))
        {
            errors.Add("locale", $"locale must be one of: {string.Join(", ", Locales)} (got \"{locale}\").");
        }
    }

    public static void CheckCron(ValidationErrors errors, string? cron)
    {
        if (cron is not null && CronSyntax.FindProblem(cron) is { } problem)
        {
            errors.Add("syncCron", $"syncCron \"{cron}\": {problem}");
        }
    }

    /// <remarks>Messages never include the value: secrets must not appear in responses or logs.</remarks>
    public static void CheckSecret(ValidationErrors errors, string field, string? secret)
    {
        if (secret is null)
        {
            return;
        }

        if (string.IsNullOrWhiteSpace(secret))
        {
            errors.Add(field, $"{field} must not be empty; send null to remove the stored one.");
        }
        else if (secret.Length > TextLimits.LongText)
        {
            errors.Add(field, $"{field} must be at most {TextLimits.LongText} characters.");
        }
    }

    public static string CanonicalLocale(string? locale) =>
        locale is null ? Locales[0] : Locales.First(l => l.Equals(locale, StringComparison.OrdinalIgnoreCase));

    // One spelling per site, so connectors can append paths without doubling slashes.
    public static string NormalizeBaseUrl(string baseUrl) => baseUrl.Trim().TrimEnd('/');

    [GeneratedRegex("^[a-z][a-z0-9]*(-[a-z0-9]+)*$")]
    private static partial Regex KindPattern();
}
