namespace OkrConnect.Host.Security;

/// <summary>The <c>Auth</c> configuration section.</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary><c>embedded</c> (OkrConnect signs its own tokens) or <c>external</c> (an OpenID Connect provider does).</summary>
    public AuthMode Mode { get; set; } = AuthMode.Embedded;

    /// <summary>Issuer of embedded tokens.</summary>
    public string Issuer { get; set; } = "okrconnect";

    /// <summary>Audience of embedded tokens.</summary>
    public string Audience { get; set; } = "okrconnect";

    /// <summary>Tolerated clock difference between servers; capped at 30 seconds.</summary>
    public TimeSpan ClockSkew { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Lifetime of tokens obtained from <c>POST /api/auth/token</c>.</summary>
    public TimeSpan ExchangeTokenLifetime { get; set; } = TimeSpan.FromHours(1);

    /// <summary>Upper bound for <c>lifetimeDays</c> of tokens minted by admins or the token command.</summary>
    public int MaxTokenLifetimeDays { get; set; } = 365;

    /// <summary>
    /// How long a server relies on what it last read of a subject's token revocation (<c>POST /api/tokens/revoke</c>):
    /// a revocation made on another server takes effect here within this time.
    /// </summary>
    public TimeSpan RevocationCacheDuration { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Subject of the admin account created at first start.</summary>
    public string BootstrapSubject { get; set; } = "admin";

    /// <summary>
    /// Secret of the bootstrap admin; when empty one is generated and printed once.
    /// Also read from the environment variable <c>OKRCONNECT_BOOTSTRAP_SECRET</c>.
    /// </summary>
    public string? BootstrapSecret { get; set; }

    public ExternalAuthOptions External { get; set; } = new();

    public static readonly TimeSpan MaxClockSkew = TimeSpan.FromSeconds(30);
}

public enum AuthMode
{
    Embedded,
    External,
}

/// <summary>The <c>Auth:External</c> section: an OpenID Connect provider issues the tokens.</summary>
public sealed class ExternalAuthOptions
{
    /// <summary>The provider's base address; its discovery document supplies the signing keys.</summary>
    public string? Authority { get; set; }

    /// <summary>Discovery document address when it is not under <see cref="Authority"/>.</summary>
    public string? MetadataAddress { get; set; }

    /// <summary>Expected <c>iss</c>; defaults to the issuer named in the discovery document.</summary>
    public string? Issuer { get; set; }

    /// <summary>Expected <c>aud</c>. Required: a token minted for another application must not work here.</summary>
    public string? Audience { get; set; }

    /// <summary>Claim carrying admin, manager, member or viewer.</summary>
    public string RoleClaim { get; set; } = "role";

    /// <summary>Claim carrying the caller's team names (one claim or a JSON array).</summary>
    public string TeamClaim { get; set; } = "team";

    public bool RequireHttpsMetadata { get; set; } = true;

    /// <summary>Accepted signing algorithms; null means <see cref="DefaultAlgorithms"/>.</summary>
    /// <remarks>Nullable on purpose: the configuration binder appends to a pre-filled array instead of replacing it.</remarks>
    public string[]? Algorithms { get; set; }

    public static readonly IReadOnlyList<string> DefaultAlgorithms =
        ["RS256", "RS384", "RS512", "PS256", "PS384", "PS512", "ES256", "ES384", "ES512"];
}
