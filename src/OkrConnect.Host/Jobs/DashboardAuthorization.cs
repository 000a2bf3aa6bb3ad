using Hangfire.Dashboard;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;

namespace OkrConnect.Host.Jobs;

/// <summary>
/// Lets only admins into /hangfire: via the dashboard-session cookie (browsers) or a bearer token (scripts).
/// Hangfire answers 401 when no one is signed in and 403 when someone is but this filter refuses.
/// </summary>
internal sealed class DashboardAuthorization : IDashboardAsyncAuthorizationFilter
{
    public async Task<bool> AuthorizeAsync(DashboardContext context)
    {
        var http = context.GetHttpContext();
        foreach (var scheme in new[] { DashboardSession.Scheme, JwtBearerDefaults.AuthenticationScheme })
        {
            var result = await http.AuthenticateAsync(scheme);
            if (result.Succeeded)
            {
                http.User = result.Principal;
                return result.Principal.FindRole() == Role.Admin;
            }
        }

        return false;
    }
}
