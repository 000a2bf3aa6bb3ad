using System.Security.Claims;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.Options;
using OkrConnect.Core.Domain;
using OkrConnect.Core.Persistence;

namespace OkrConnect.Host.Security;

/// <summary>Admins mint tokens for people (<c>POST /api/tokens</c>) and create service accounts (<c>POST /api/service-accounts</c>).</summary>
public static class TokensApi
{
    public static IEndpointRouteBuilder MapTokensApi(this IEndpointRouteBuilder app)
    {
        app.MapPost("/api/tokens", MintPersonToken)
            .RequireAuthorization(Policies.RequireAdmin)
            .AddEndpointFilter<EmbeddedModeOnly>()
            .WithTags("Auth")
            .WithSummary("Mint a token for a person");
        app.MapPost("/api/tokens/revoke", RevokeAsync)
            .RequireAuthorization(Policies.RequireAdmin)
            .AddEndpointFilter<EmbeddedModeOnly>()
            .WithTags("Auth")
            .WithSummary("Refuse every token of a subject issued until now (a person who left, a token that leaked)");
        app.MapPost("/api/service-accounts", CreateServiceAccountAsync)
            .RequireAuthorization(Policies.RequireAdmin)
            .AddEndpointFilter<EmbeddedModeOnly>()
            .WithTags("Auth")
            .WithSummary("Create a service account; its secret is in this response only");
        return app;
    }

    internal static Results<Ok<MintedTokenResponse>, ValidationProblem> MintPersonToken(
        MintTokenRequest request,
        ITokenIssuer issuer,
        IOptions<AuthOptions> options)
    {
        var errors = new Dictionary<string, string[]>();
        var subject = AccountInput.Subject(request.Subject, errors);
        var role = AccountInput.Role(request.Role, errors);
        var teams = AccountInput.Teams(request.Teams, errors);
        var days = AccountInput.LifetimeDays(request.LifetimeDays, options.Value.MaxTokenLifetimeDays, errors);
        var name = AccountInput.Name(request.Name, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var token = issuer.Issue(new TokenRequest(subject, name, role, teams, TimeSpan.FromDays(days)));
        return TypedResults.Ok(new MintedTokenResponse(token.AccessToken, "Bearer", token.ExpiresAt, subject, role.ToClaimValue(), teams));
    }

    internal static async Task<Results<Ok<TokenRevocationResponse>, ValidationProblem>> RevokeAsync(
        RevokeTokensRequest request,
        TokenRevocations revocations,
        ClaimsPrincipal caller,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var subject = AccountInput.Subject(request.Subject, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        var revocation = await revocations.RevokeAsync(subject, caller.ToCaller().Subject, ct);
        return TypedResults.Ok(new TokenRevocationResponse(revocation.Subject, revocation.RevokedBefore, revocation.RevokedBy));
    }

    internal static async Task<Results<Created<ServiceAccountCreatedResponse>, ValidationProblem, ProblemHttpResult>> CreateServiceAccountAsync(
        CreateServiceAccountRequest request,
        IAccountRepository accounts,
        TimeProvider time,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var subject = AccountInput.Subject(request.Subject, errors);
        var role = AccountInput.Role(request.Role, errors);
        var teams = AccountInput.Teams(request.Teams, errors);
        var name = AccountInput.Name(request.Name, errors);
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors);
        }

        if (await accounts.GetBySubjectAsync(subject, ct) is not null)
        {
            return TypedResults.Problem(
                statusCode: StatusCodes.Status409Conflict,
                title: "Conflict",
                detail: $"An account with subject '{subject}' already exists.");
        }

        var secret = SecretHasher.NewSecret();
        var account = new Account(Guid.NewGuid(), subject, name ?? subject, role, teams, IsServiceAccount: true, SecretHasher.Hash(secret), Disabled: false, time.GetUtcNow());
        await accounts.InsertAsync(account, ct);
        return TypedResults.Created(
            (string?)null,
            new ServiceAccountCreatedResponse(account.Id, subject, account.DisplayName, role.ToClaimValue(), teams, secret, account.CreatedAt));
    }
}

public sealed record MintTokenRequest(string? Subject, string? Name, string? Role, IReadOnlyList<string>? Teams, int? LifetimeDays);

public sealed record MintedTokenResponse(string AccessToken, string TokenType, DateTimeOffset ExpiresAt, string Subject, string Role, IReadOnlyList<string> Teams);

public sealed record RevokeTokensRequest(string? Subject);

/// <summary>Tokens of <see cref="Subject"/> issued at or before <see cref="RevokedBefore"/> are refused from now on.</summary>
public sealed record TokenRevocationResponse(string Subject, DateTimeOffset RevokedBefore, string RevokedBy);

public sealed record CreateServiceAccountRequest(string? Subject, string? Name, string? Role, IReadOnlyList<string>? Teams);

/// <summary>The one response that carries the service account's secret; it cannot be read again.</summary>
public sealed record ServiceAccountCreatedResponse(
    Guid Id,
    string Subject,
    string Name,
    string Role,
    IReadOnlyList<string> Teams,
    string Secret,
    DateTimeOffset CreatedAt);
