namespace OkrConnect.Connectors.GitHub.Payloads;

/// <summary>A GraphQL request: https://docs.github.com/en/graphql/guides/forming-calls-with-graphql</summary>
internal sealed record GraphQlRequest(string Query, IReadOnlyDictionary<string, object> Variables);

/// <summary>
/// A GraphQL answer. GitHub answers 200 even when the query failed, with <see cref="Errors"/> set.
/// https://docs.github.com/en/graphql/guides/forming-calls-with-graphql#communicating-with-graphql
/// </summary>
internal sealed record GraphQlResponse<T>(T? Data = default, IReadOnlyList<GraphQlError>? Errors = null);

internal sealed record GraphQlError(string Message, string? Type = null);

/// <summary>The Projects v2 items of one issue, with the configured field and its value (camelCase: GraphQL names).</summary>
internal sealed record IssueProjectItemsData(IssueProjectItemsRepository? Repository = null);

internal sealed record IssueProjectItemsRepository(IssueProjectItemsIssue? Issue = null);

internal sealed record IssueProjectItemsIssue(ProjectItemConnection ProjectItems);

internal sealed record ProjectItemConnection(IReadOnlyList<ProjectItemNode> Nodes);

/// <summary>
/// <see cref="FieldValueByName"/> is null when the item has no value, and an empty object when the field is not a number.
/// https://docs.github.com/en/graphql/reference/objects#projectv2item
/// </summary>
internal sealed record ProjectItemNode(string Id, ProjectNode Project, ProjectNumberValue? FieldValueByName = null);

/// <summary><see cref="Field"/> is null when the project has no field of that name, empty when it is not a plain field.</summary>
internal sealed record ProjectNode(string Id, int Number, ProjectOwner? Owner = null, ProjectFieldNode? Field = null);

internal sealed record ProjectOwner(string? Login = null);

/// <summary>https://docs.github.com/en/graphql/reference/objects#projectv2field</summary>
internal sealed record ProjectFieldNode(string? Id = null, string? DataType = null);

/// <summary>https://docs.github.com/en/graphql/reference/objects#projectv2itemfieldnumbervalue</summary>
internal sealed record ProjectNumberValue(double? Number = null);
