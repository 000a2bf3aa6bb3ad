using Microsoft.AspNetCore.Authorization;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

/// <summary>The fallback policy: requests under <c>/api</c> need an authenticated caller with a role, others pass.</summary>
public sealed class ApiCallerRequirement : IAuthorizationRequirement;

internal sealed class ApiCallerHandler(IOptions<AuthOptions> options) : AuthorizationHandler<ApiCallerRequirement>
{
    protected override Task HandleRequirementAsync(AuthorizationHandlerContext context, ApiCallerRequirement requirement)
    {
        if (context.Resource is HttpContext http && !http.Request.Path.StartsWithSegments("/api", StringComparison.OrdinalIgnoreCase))
        {
            context.Succeed(requirement);
            return Task.CompletedTask;
        }

        RoleCheck.Evaluate(this, context, requirement, Role.Viewer, options.Value);
        return Task.CompletedTask;
    }
}
