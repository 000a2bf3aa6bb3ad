using System.Collections.Concurrent;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Security;

/// <summary>
/// Whether a validated token was revoked: issued at or before its subject's cut-off. What the database says per
/// subject is remembered for <see cref="AuthOptions.RevocationCacheDuration"/>, so a request costs no query while
/// another server's revocation still takes effect within that time; a revocation made here takes effect at once.
/// </summary>
public sealed class TokenRevocations(ITokenRevocationRepository repository, IOptions<AuthOptions> options, TimeProvider time)
{
    private readonly ConcurrentDictionary<string, (DateTimeOffset? RevokedBefore, DateTimeOffset ReadAt)> _known = new(StringComparer.Ordinal);

    public async Task<bool> IsRevokedAsync(string subject, DateTimeOffset issuedAt, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        if (!_known.TryGetValue(subject, out var known) || now - known.ReadAt >= options.Value.RevocationCacheDuration)
        {
            known = (await repository.GetRevokedBeforeAsync(subject, ct), now);
            _known[subject] = known;
        }

        return known.RevokedBefore is { } cutoff && issuedAt <= cutoff;
    }

    /// <summary>Refuses every token of the subject issued until now (JWT times are whole seconds: this second included).</summary>
    public async Task<TokenRevocation> RevokeAsync(string subject, string revokedBy, CancellationToken ct)
    {
        var now = time.GetUtcNow();
        var revocation = new TokenRevocation(subject, now, revokedBy, now);
        await repository.RevokeAsync(revocation, ct);
        _known[subject] = (now, now);
        return revocation;
    }
}

/// <summary>The token was valid but its subject's tokens were revoked.</summary>
public sealed class TokenRevokedException() : Microsoft.IdentityModel.Tokens.SecurityTokenValidationException("The token was revoked.");
