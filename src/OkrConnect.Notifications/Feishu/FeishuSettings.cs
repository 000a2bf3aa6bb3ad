namespace OkrConnect.Notifications.Feishu;

/// <summary>
/// A Feishu (or Lark) custom bot: https://open.feishu.cn/open-apis/bot/v2/hook/{token} (Lark:
/// open.larksuite.com). The optional secret is the bot's "signature verification" (签名校验) key.
/// </summary>
public static class FeishuSettings
{
    public const string HookPath = "/open-apis/bot/v2/hook/";

    public static IReadOnlyList<string> Validate(ChatChannelSettings settings)
    {
        var problems = new List<string>();
        if (WebhookAddress.Parse(settings.WebhookUrl, problems, "Feishu") is { } uri
            && (!uri.AbsolutePath.StartsWith(HookPath, StringComparison.Ordinal) || uri.AbsolutePath.Length <= HookPath.Length))
        {
            problems.Add($"A Feishu custom bot URL looks like https://open.feishu.cn{HookPath}<token>; this one has no token in that place.");
        }

        if (settings.Secret is { } secret && string.IsNullOrWhiteSpace(secret))
        {
            problems.Add("The Feishu signing secret must not be blank; leave it out when the bot does not verify signatures.");
        }

        return problems;
    }
}
