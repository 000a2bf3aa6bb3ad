using System.Security.Claims;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace OkrConnect.Host.Security;

/// <summary>
/// Browsers send no bearer header, so an admin trades a bearer token for this short-lived cookie to open /hangfire.
/// The cookie is an ASP.NET ticket encrypted with Data Protection (shared key ring, so any server accepts it),
/// HttpOnly, SameSite=Strict, Secure over HTTPS, and sent only to /hangfire. It is never accepted by /api.
/// </summary>
public static class DashboardSession
{
    public const string Scheme = "OkrConnect.Dashboard";
    public const string CookieName = "okrconnect_dashboard";
    public const string CookiePath = "/hangfire";
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(15);

    internal static void Configure(CookieAuthenticationOptions options)
    {
        options.Cookie.Name = CookieName;
        options.Cookie.Path = CookiePath;
        options.Cookie.HttpOnly = true;
        options.Cookie.SameSite = SameSiteMode.Strict;
        options.Cookie.SecurePolicy = CookieSecurePolicy.SameAsRequest;
        options.ExpireTimeSpan = Lifetime;
        options.SlidingExpiration = false;

        // No login page to redirect to: an API answers with status codes.
        options.Events.OnRedirectToLogin = context =>
        {
            context.Response.StatusCode = StatusCodes.Status401Unauthorized;
            return Task.CompletedTask;
        };
        options.Events.OnRedirectToAccessDenied = context =>
        {
            context.Response.StatusCode = StatusCodes.Status403Forbidden;
            return Task.CompletedTask;
        };
    }

    /// <summary>Issues the cookie for the (admin) caller; only the claims the dashboard needs go into it.</summary>
    internal static async Task<DateTimeOffset> SignInAsync(HttpContext http, TimeProvider time)
    {
        var user = http.User;
        var claims = user.FindAll(OkrConnectClaims.Subject)
            .Concat(user.FindAll(OkrConnectClaims.Role))
            .Concat(user.FindAll(OkrConnectClaims.Team))
            .Select(c => new Claim(c.Type, c.Value));
        var identity = new ClaimsIdentity(claims, Scheme, OkrConnectClaims.Name, OkrConnectClaims.Role);
        var expiresAt = time.GetUtcNow() + Lifetime;
        await http.SignInAsync(Scheme, new ClaimsPrincipal(identity), new AuthenticationProperties
        {
            IsPersistent = false,
            ExpiresUtc = expiresAt,
            AllowRefresh = false,
        });
        return expiresAt;
    }
}
