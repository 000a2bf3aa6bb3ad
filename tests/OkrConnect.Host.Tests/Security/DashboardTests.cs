using System.Net;
using Microsoft.AspNetCore.Mvc.Testing;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Security;
using OkrConnect.Host.Tests.Infrastructure;

namespace OkrConnect.Host.Tests.Security;

/// <summary>/hangfire opens for admins only: through the dashboard-session cookie (browsers) or a bearer token.</summary>
public sealed class DashboardTests(OkrConnectFactory factory) : IClassFixture<OkrConnectFactory>
{
    [Fact]
    public async Task Anonymous_is_401()
    {
        var response = await factory.CreateAnonymousClient().GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_member_bearer_is_403()
    {
        var response = await factory.CreateClientFor(Role.Member).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_bearer_gets_in()
    {
        var response = await factory.CreateClientFor(Role.Admin).GetAsync("/hangfire");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
    }

    [Fact]
    public async Task An_admin_browser_gets_in_with_the_session_cookie()
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/dashboard-session");
        request.Headers.Authorization = new("Bearer", factory.CreateToken(Role.Admin));

        var session = await browser.SendAsync(request);

        Assert.Equal(HttpStatusCode.OK, session.StatusCode);
        var cookie = Assert.Single(session.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith(DashboardSession.CookieName + "=", cookie, StringComparison.Ordinal);
        Assert.Contains("path=/hangfire", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);

        var dashboard = await browser.GetAsync("/hangfire"); // no Authorization header: the cookie alone
        Assert.Equal(HttpStatusCode.OK, dashboard.StatusCode);
    }

    [Fact]
    public async Task The_session_cookie_is_not_accepted_by_the_api()
    {
        var browser = factory.CreateClient(new WebApplicationFactoryClientOptions { HandleCookies = true });
        using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/dashboard-session");
        request.Headers.Authorization = new("Bearer", factory.CreateToken(Role.Admin));
        var session = await browser.SendAsync(request);
        var cookie = session.Headers.GetValues("Set-Cookie").Single().Split(';')[0];

        using var apiRequest = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        apiRequest.Headers.Add("Cookie", cookie);
        var response = await factory.CreateAnonymousClient().SendAsync(apiRequest);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task Only_admins_get_a_session()
    {
        var response = await factory.CreateClientFor(Role.Manager).PostAsync("/api/auth/dashboard-session", null);

        await response.ReadProblemAsync(HttpStatusCode.Forbidden);
    }

    [Fact]
    public async Task A_forged_cookie_is_401()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/hangfire");
        request.Headers.Add("Cookie", $"{DashboardSession.CookieName}=CfDJ8forged");

        var response = await factory.CreateAnonymousClient().SendAsync(request);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }
}
