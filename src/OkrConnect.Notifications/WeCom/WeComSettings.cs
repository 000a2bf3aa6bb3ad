namespace OkrConnect.Notifications.WeCom;

/// <summary>
/// A WeCom (企业微信) group robot: https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key={key}. Group robots have no
/// signing: the key in the address is the only credential, so keep the address secret.
/// </summary>
public static class WeComSettings
{
    public const string KeyParameter = "key";

    public static IReadOnlyList<string> Validate(ChatChannelSettings settings)
    {
        var problems = new List<string>();
        if (WebhookAddress.Parse(settings.WebhookUrl, problems, "WeCom") is { } uri && !WebhookAddress.HasQueryParameter(uri, KeyParameter))
        {
            problems.Add($"A WeCom group robot URL carries its key as ?{KeyParameter}=…; this one has none.");
        }

        WebhookAddress.RefuseSecret(settings, problems, "WeCom group robot");
        return problems;
    }
}
