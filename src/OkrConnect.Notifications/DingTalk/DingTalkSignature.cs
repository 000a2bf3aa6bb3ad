using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OkrConnect.Notifications.DingTalk;

/// <summary>
/// DingTalk robot signing ("加签", https://open.dingtalk.com/document/robots/customize-robot-security-settings): the
/// secret is the HMAC-SHA256 key, "{timestamp}\n{secret}" the message; the Base64 digest is URL-encoded and sent with
/// the millisecond timestamp as query parameters. Note the difference from Feishu, where that string is the key.
/// </summary>
public static class DingTalkSignature
{
    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);

    /// <summary>The Base64 signature before URL encoding.</summary>
    public static string Sign(string timestamp, string secret) =>
        Convert.ToBase64String(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secret), Encoding.UTF8.GetBytes($"{timestamp}\n{secret}")));

    /// <summary>The webhook address with &amp;timestamp=…&amp;sign=… appended.</summary>
    public static Uri SignedUrl(string webhookUrl, string secret, DateTimeOffset now)
    {
        var timestamp = Timestamp(now);
        var separator = webhookUrl.Contains('?', StringComparison.Ordinal) ? "&" : "?";
        return new Uri($"{webhookUrl}{separator}timestamp={timestamp}&sign={Uri.EscapeDataString(Sign(timestamp, secret))}");
    }
}
