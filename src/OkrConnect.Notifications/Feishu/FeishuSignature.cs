using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace OkrConnect.Notifications.Feishu;

/// <summary>
/// Feishu custom bot signature (https://open.feishu.cn/document/client-docs/bot-v3/add-custom-bot, "签名校验"): the
/// string "{timestamp}\n{secret}" is the HMAC-SHA256 <em>key</em>, the message is empty, and the digest is Base64.
/// The timestamp is in seconds and must be within an hour of Feishu's clock.
/// </summary>
public static class FeishuSignature
{
    public static string Timestamp(DateTimeOffset now) => now.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);

    public static string Sign(string timestamp, string secret)
    {
        var key = Encoding.UTF8.GetBytes($"{timestamp}\n{secret}");
        return Convert.ToBase64String(HMACSHA256.HashData(key, Array.Empty<byte>()));
    }
}
