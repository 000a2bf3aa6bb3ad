using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

/// <summary>Signs OkrConnect's own tokens (embedded mode).</summary>
public interface ITokenIssuer
{
    IssuedToken Issue(TokenRequest request);
}

public sealed record TokenRequest(string Subject, string? Name, Role Role, IReadOnlyList<string> Teams, TimeSpan Lifetime);

public sealed record IssuedToken(string AccessToken, DateTimeOffset ExpiresAt);
