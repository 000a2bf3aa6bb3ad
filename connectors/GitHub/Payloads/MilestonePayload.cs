namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>https://docs.github.com/en/rest/issues/milestones#get-a-milestone</summary>
internal sealed record MilestonePayload(int Number, string Title, string HtmlUrl, string? State = null);
