namespace OkrConnect.Core.Domain;

/// <summary>A person or service account. <see cref="SecretHash"/> is a salted hash, never the secret.</summary>
public sealed record Account(
    Guid Id,
    string Subject,
    string DisplayName,
    Role Role,
    IReadOnlyList<string> Teams,
    bool IsServiceAccount,
    string? SecretHash,
    bool Disabled,
    DateTimeOffset CreatedAt);
