using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Tests.Infrastructure;

/// <summary>
/// A token to mint for a test, valid unless told otherwise: <c>TestTokenSpec.For(Role.Admin) with { Issuer = "evil" }</c>.
/// <see cref="Role"/> is the raw claim value so tests can send nonsense.
/// </summary>
public sealed record TestTokenSpec
{
    public string Subject { get; init; } = "test-user";

    public string? Role { get; init; } = "viewer";

    public IReadOnlyList<string> Teams { get; init; } = [];

    /// <summary>Null means the server's issuer.</summary>
    public string? Issuer { get; init; }

    /// <summary>Null means the server's audience.</summary>
    public string? Audience { get; init; }

    public DateTimeOffset NotBefore { get; init; } = DateTimeOffset.UtcNow.AddMinutes(-1);

    /// <summary>Null leaves the <c>exp</c> claim out.</summary>
    public DateTimeOffset? Expires { get; init; } = DateTimeOffset.UtcNow.AddHours(1);

    public TestSigningKey Key { get; init; } = TestSigningKey.Server;

    public static TestTokenSpec For(Role role, string subject = "test-user", params string[] teams) =>
        new() { Role = role.ToClaimValue(), Subject = subject, Teams = teams };

    /// <summary>Expired ten minutes ago, well past the 30-second clock skew.</summary>
    public TestTokenSpec Expired() => this with { NotBefore = DateTimeOffset.UtcNow.AddHours(-2), Expires = DateTimeOffset.UtcNow.AddMinutes(-10) };
}

public enum TestSigningKey
{
    /// <summary>The server's own signing key (ES256).</summary>
    Server,

    /// <summary>A freshly generated ES256 key the server does not know.</summary>
    Other,

    /// <summary>No signature at all: <c>alg: none</c>.</summary>
    Unsigned,

    /// <summary>HS256 keyed with the server's public key: the classic algorithm-confusion attack.</summary>
    HmacWithServerPublicKey,
}
