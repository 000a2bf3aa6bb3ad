namespace OkrConnect.Notifications.Slack;

/// <summary>
/// A Slack incoming webhook (https://api.slack.com/messaging/webhooks), or any Slack-compatible one (Mattermost,
/// Rocket.Chat accept the same body), so the host is not checked. Slack webhooks are not signed: no secret.
/// </summary>
public static class SlackSettings
{
    public static IReadOnlyList<string> Validate(ChatChannelSettings settings)
    {
        var problems = new List<string>();
        WebhookAddress.Parse(settings.WebhookUrl, problems, "Slack");
        WebhookAddress.RefuseSecret(settings, problems, "Slack");
        return problems;
    }
}
