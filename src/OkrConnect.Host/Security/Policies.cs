using Microsoft.AspNetCore.Authorization;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

/// <summary>
/// Named authorization policies, one per role. A higher role satisfies a lower one (Core's <see cref="Role"/> order):
/// <c>.RequireAuthorization(Policies.RequireManager)</c> lets managers and admins in.
/// </summary>
public static class Policies
{
    public const string RequireViewer = nameof(RequireViewer);
    public const string RequireMember = nameof(RequireMember);
    public const string RequireManager = nameof(RequireManager);
    public const string RequireAdmin = nameof(RequireAdmin);

    public static string For(Role role) => role switch
    {
        Role.Admin => RequireAdmin,
        Role.Manager => RequireManager,
        Role.Member => RequireMember,
        _ => RequireViewer,
    };

    internal static void AddOkrConnectPolicies(this AuthorizationOptions options)
    {
        foreach (var role in Enum.GetValues<Role>())
        {
            options.AddPolicy(For(role), policy => policy
                .RequireAuthenticatedUser()
                .AddRequirements(new MinimumRoleRequirement(role)));
        }

        // Endpoints without their own policy: everything under /api needs a caller with a role; /healthz, /readyz,
        // /openapi, /scalar and /hangfire (which has its own filter) stay open. Anonymous /api endpoints say so.
        options.FallbackPolicy = new AuthorizationPolicyBuilder()
            .AddRequirements(new ApiCallerRequirement())
            .Build();
    }
}
