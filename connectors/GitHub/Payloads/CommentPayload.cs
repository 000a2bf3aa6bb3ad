namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>
/// An issue comment. <see cref="User"/> is nullable in GitHub's schema (deleted accounts).
/// https://docs.github.com/en/rest/issues/comments#get-an-issue-comment
/// </summary>
internal sealed record CommentPayload(long Id, string HtmlUrl, string? Body = null, UserPayload? User = null);

/// <summary>The body of a create or update comment request.</summary>
internal sealed record CommentBodyRequest(string Body);
