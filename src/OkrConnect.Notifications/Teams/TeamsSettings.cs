namespace OkrConnect.Notifications.Teams;

/// <summary>
/// A Microsoft Teams Incoming Webhook or a Workflows ("Post to a channel when a webhook request is received") URL.
/// Both take the same message body; neither is signed, so no secret.
/// </summary>
public static class TeamsSettings
{
    public static IReadOnlyList<string> Validate(ChatChannelSettings settings)
    {
        var problems = new List<string>();
        WebhookAddress.Parse(settings.WebhookUrl, problems, "Teams");
        WebhookAddress.RefuseSecret(settings, problems, "Teams");
        return problems;
    }
}
