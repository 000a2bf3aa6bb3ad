namespace OkrConnect.Notifications.DingTalk;

/// <summary>
/// A DingTalk custom robot: https://oapi.dingtalk.com/robot/send?access_token={token}. The optional secret is the
/// robot's "加签" key (DingTalk shows it starting with "SEC").
/// </summary>
public static class DingTalkSettings
{
    public const string TokenParameter = "access_token";

    public static IReadOnlyList<string> Validate(ChatChannelSettings settings)
    {
        var problems = new List<string>();
        if (WebhookAddress.Parse(settings.WebhookUrl, problems, "DingTalk") is { } uri && !WebhookAddress.HasQueryParameter(uri, TokenParameter))
        {
            problems.Add($"A DingTalk robot URL carries its token as ?{TokenParameter}=…; this one has none.");
        }

        if (settings.Secret is { } secret && string.IsNullOrWhiteSpace(secret))
        {
            problems.Add("The DingTalk signing secret must not be blank; leave it out when the robot does not sign (加签).");
        }

        return problems;
    }
}
