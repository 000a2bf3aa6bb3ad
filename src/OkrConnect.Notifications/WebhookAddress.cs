using System.Net;

namespace OkrConnect.Notifications;

/// <summary>Checks shared by every platform's settings validation.</summary>
public static class WebhookAddress
{
    /// <summary>
    /// An absolute https address. Plain http is accepted only for loopback hosts, where a local receiver (or a test's)
    /// listens: a webhook address carries a token and must not cross a network in clear text.
    /// </summary>
    public static Uri? Parse(string? text, List<string> problems, string platform)
    {
        if (string.IsNullOrWhiteSpace(text) || !Uri.TryCreate(text.Trim(), UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            problems.Add($"The {platform} webhook URL must be an absolute https URL.");
            return null;
        }

        if (uri.Scheme == Uri.UriSchemeHttp && !IsLoopback(uri))
        {
            problems.Add($"The {platform} webhook URL must use https (plain http is allowed only for localhost).");
            return null;
        }

        return uri;
    }

    /// <summary>Platforms without request signing refuse a secret rather than silently ignore it.</summary>
    public static void RefuseSecret(ChatChannelSettings settings, List<string> problems, string platform)
    {
        if (settings.Secret is not null)
        {
            problems.Add($"{platform} webhooks have no signing secret; leave secret empty.");
        }
    }

    /// <summary>Scheme and host only, for showing which address is configured without revealing its token.</summary>
    public static string Mask(string webhookUrl) =>
        Uri.TryCreate(webhookUrl, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "…";

    public static bool HasQueryParameter(Uri uri, string name) =>
        uri.Query.TrimStart('?').Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Any(pair => pair.Split('=', 2) is [var key, { Length: > 0 }] && string.Equals(Uri.UnescapeDataString(key), name, StringComparison.Ordinal));

    private static bool IsLoopback(Uri uri) =>
        uri.IsLoopback || (IPAddress.TryParse(uri.Host.Trim('[', ']'), out var address) && IPAddress.IsLoopback(address));
}
