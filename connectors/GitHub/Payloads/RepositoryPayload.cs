namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>https://docs.github.com/en/rest/repos/repos#get-a-repository</summary>
internal sealed record RepositoryPayload(string FullName, string HtmlUrl, bool HasIssues = true);
