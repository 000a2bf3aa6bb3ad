using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Security;

/// <summary>
/// <c>POST /api/auth/token</c> (secret → token), <c>POST /api/auth/dashboard-session</c> (admin bearer → /hangfire cookie)
/// and <c>GET /api/me</c>.
/// </summary>
public static class AuthApi
{
    public static IEndpointRouteBuilder MapAuthApi(this IEndpointRouteBuilder app)
    {
        var auth = app.MapGroup("/api/auth").WithTags("Auth");
        auth.MapPost("/token", ExchangeSecretAsync)
            .AllowAnonymous()
            .AddEndpointFilter<EmbeddedModeOnly>()
            .WithSummary("Exchange an account's subject and secret for a bearer token");
        auth.MapPost("/dashboard-session", StartDashboardSessionAsync)
            .RequireAuthorization(Policies.RequireAdmin)
            .WithSummary("Set a 15-minute cookie that opens the /hangfire dashboard in a browser");

        app.MapGet("/api/me", GetMe)
            .RequireAuthorization(Policies.RequireViewer)
            .WithTags("Auth")
            .WithSummary("Who the caller is: subject, role and teams");
        return app;
    }

    internal static async Task<Results<Ok<TokenResponse>, ValidationProblem, ProblemHttpResult>> ExchangeSecretAsync(
        SecretExchangeRequest request,
        IAccountRepository accounts,
        ITokenIssuer issuer,
        IOptions<AuthOptions> options,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(request.Subject))
        {
            errors["subject"] = ["The account's subject is required."];
        }

        if (string.IsNullOrEmpty(request.Secret))
        {
            errors["secret"] = ["The account's secret is required."];
        }

        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var account = await accounts.GetBySubjectAsync(request.Subject!.Trim(), ct);

        // Verify even when the account is missing (against a decoy hash) so timing does not reveal which subjects exist.
        var secretMatches = SecretHasher.Verify(request.Secret!, account?.SecretHash);
        if (account is null || !secretMatches || account.Disabled)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status401Unauthorized,
                title: "Unauthorized",
                detail: "The subject or the secret is wrong, or the account is disabled.");
        }

        var token = issuer.Issue(new TokenRequest(account.Subject, account.DisplayName, account.Role, account.Teams, options.Value.ExchangeTokenLifetime));
        return TypedResults.Ok(new TokenResponse(token.AccessToken, "Bearer", token.ExpiresAt));
    }

    internal static async Task<Ok<DashboardSessionResponse>> StartDashboardSessionAsync(HttpContext http, TimeProvider time)
    {
        var expiresAt = await DashboardSession.SignInAsync(http, time);
        return TypedResults.Ok(new DashboardSessionResponse(DashboardSession.CookiePath, expiresAt));
    }

    internal static Ok<MeResponse> GetMe(HttpContext http)
    {
        var caller = http.User.ToCaller();
        return TypedResults.Ok(new MeResponse(
            caller.Subject,
            http.User.FindFirst(OkrConnectClaims.Name)?.Value,
            caller.Role.ToClaimValue(),
            caller.Teams.Order(StringComparer.Ordinal).ToArray()));
    }
}

public sealed record SecretExchangeRequest(string? Subject, string? Secret);

public sealed record TokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt);

public sealed record DashboardSessionResponse(string Path, DateTimeOffset ExpiresAt);

public sealed record MeResponse(string Subject, string? Name, string Role, IReadOnlyList<string> Teams);
