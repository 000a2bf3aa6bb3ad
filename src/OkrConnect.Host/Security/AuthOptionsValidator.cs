using Microsoft.Extensions.Options;

namespace OkrConnect.Host.Security;

/// <summary>Fails start-up with a message naming the setting to fix, instead of a confusing 401 later.</summary>
internal sealed class AuthOptionsValidator : IValidateOptions<AuthOptions>
{
    public ValidateOptionsResult Validate(string? name, AuthOptions options)
    {
        var failures = new List<string>();
        if (options.ClockSkew < TimeSpan.Zero || options.ClockSkew > AuthOptions.MaxClockSkew)
        {
            failures.Add($"Auth:ClockSkew must be between 00:00:00 and {AuthOptions.MaxClockSkew}; it is {options.ClockSkew}.");
        }

        if (options.MaxTokenLifetimeDays < 1)
        {
            failures.Add("Auth:MaxTokenLifetimeDays must be at least 1.");
        }

        if (options.Mode == AuthMode.Embedded)
        {
            if (string.IsNullOrWhiteSpace(options.Issuer))
            {
                failures.Add("Auth:Issuer must not be empty.");
            }

            if (string.IsNullOrWhiteSpace(options.Audience))
            {
                failures.Add("Auth:Audience must not be empty.");
            }

            if (options.ExchangeTokenLifetime <= TimeSpan.Zero)
            {
                failures.Add("Auth:ExchangeTokenLifetime must be positive.");
            }
        }
        else
        {
            var external = options.External;
            if (string.IsNullOrWhiteSpace(external.Authority) && string.IsNullOrWhiteSpace(external.MetadataAddress))
            {
                failures.Add("Auth:Mode is external: set Auth:External:Authority (or Auth:External:MetadataAddress).");
            }

            if (string.IsNullOrWhiteSpace(external.Audience))
            {
                failures.Add("Auth:Mode is external: set Auth:External:Audience to the audience your identity provider puts in OkrConnect's tokens.");
            }

            if (string.IsNullOrWhiteSpace(external.RoleClaim) || string.IsNullOrWhiteSpace(external.TeamClaim))
            {
                failures.Add("Auth:External:RoleClaim and Auth:External:TeamClaim must not be empty.");
            }

            if (external.Algorithms is { Length: 0 } || external.Algorithms?.Any(a => a.Equals("none", StringComparison.OrdinalIgnoreCase)) == true)
            {
                failures.Add("Auth:External:Algorithms must list at least one signing algorithm and never 'none'.");
            }
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
