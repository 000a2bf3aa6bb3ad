using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Authorization.Policy;

namespace OkrConnect.Host.Security;

/// <summary>Turns a refused authorization into a 403 problem whose detail is the failing requirement's reason.</summary>
internal sealed class ProblemAuthorizationResultHandler : IAuthorizationMiddlewareResultHandler
{
    private readonly AuthorizationMiddlewareResultHandler _default = new();

    public Task HandleAsync(RequestDelegate next, HttpContext context, AuthorizationPolicy policy, PolicyAuthorizationResult authorizeResult)
    {
        if (authorizeResult.Forbidden)
        {
            var reason = authorizeResult.AuthorizationFailure?.FailureReasons.Select(r => r.Message).FirstOrDefault();
            return AuthProblems.WriteForbiddenAsync(context, reason);
        }

        return _default.HandleAsync(next, context, policy, authorizeResult);
    }
}
