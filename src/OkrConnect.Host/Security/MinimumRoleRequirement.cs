using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

/// <summary>The caller's role must be at least <see cref="Role"/>.</summary>
public sealed record MinimumRoleRequirement(Role Role) : IAuthorizationRequirement;

internal sealed class MinimumRoleHandler(IOptions<AuthOptions> options) : AuthorizationHandler<MinimumRoleRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, MinimumRoleRequirement requirement)
    {
        RoleCheck.Evaluate(this, context, requirement, requirement.Role, options.Value);
        return Task.CompletedTask;
    }
}

/// <summary>Shared by the role policies and the /api fallback so both explain a refusal the same way.</summary>
internal static class RoleCheck
{
    public static void Evaluate(IAuthorizationHandler handler, AuthorizationHandlerContext context, IAuthorizationRequirement requirement, Role minimum, AuthOptions options)
    {
        if (context.User.Identity?.IsAuthenticated != true)
        {
            return; // Not failing explicitly: the middleware then challenges (401) instead of forbidding.
        }

        var role = context.User.FindRole();
        if (role is null)
        {
            var claim = options.Mode == AuthMode.External ? options.External.RoleClaim : OkrConnectClaims.Role;
            context.Fail(new AuthorizationFailureReason(
                handler,
                $"The token carries no OkrConnect role: claim '{claim}' must be admin, manager, member or viewer."));
        }
        else if (role < minimum)
        {
            context.Fail(new AuthorizationFailureReason(
                handler,
                $"This needs the {minimum.ToClaimValue()} role or higher; the caller is {role.Value.ToClaimValue()}."));
        }
        else
        {
            context.Succeed(requirement);
        }
    }
}
