using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace OkrConnect.Host.Security;

/// <summary>401 and 403 answers as RFC 7807 problem details that say what is wrong with the request.</summary>
internal static class AuthProblems
{
    public static async Task WriteChallengeAsync(JwtBearerChallengeContext context)
    {
        // We write the response ourselves (the default handler would send an empty body).
        context.HandleResponse();
        var detail = DescribeFailure(context.AuthenticateFailure);
        var header = context.AuthenticateFailure is null
            ? "Bearer"
            : $"Bearer error=\"invalid_token\", error_description=\"{detail.Replace("\"", "'", StringComparison.Ordinal)}\"";
        context.Response.Headers.WWWAuthenticate = header;
        await WriteAsync(context.HttpContext, StatusCodes.Status401Unauthorized, "Unauthorized", detail);
    }

    public static Task WriteForbiddenAsync(HttpContext http, string? reason) => WriteAsync(
        http,
        StatusCodes.Status403Forbidden,
        "Forbidden",
        reason ?? "The caller's role does not allow this.");

    public static Task WriteAsync(HttpContext http, int status, string title, string detail)
    {
        if (http.Response.HasStarted)
        {
            return Task.CompletedTask;
        }

        return TypedResults.Problem(detail: detail, statusCode: status, title: title).ExecuteAsync(http);
    }

    /// <summary>Names the check that failed without echoing the token or the expected values.</summary>
    internal static string DescribeFailure(Exception? failure) => failure switch
    {
        null => "This endpoint needs a bearer token: send 'Authorization: Bearer <token>'.",
        TokenRevokedException => "The token was revoked: an admin revoked the tokens of its subject issued until then. Ask for a new one.",
        SecurityTokenExpiredException expired => $"The token expired at {expired.Expires:O}.",
        SecurityTokenNotYetValidException => "The token is not valid yet (nbf is in the future).",
        SecurityTokenNoExpirationException => "The token has no expiry (exp); OkrConnect only accepts tokens that expire.",
        SecurityTokenInvalidLifetimeException => "The token's lifetime (nbf/exp) is not valid.",
        SecurityTokenInvalidIssuerException => "The token's issuer (iss) is not accepted here.",
        SecurityTokenInvalidAudienceException => "The token's audience (aud) is not this OkrConnect.",
        SecurityTokenInvalidAlgorithmException => "The token's signing algorithm (alg) is not accepted here.",
        SecurityTokenSignatureKeyNotFoundException => "The token is signed with a key OkrConnect does not know.",
        SecurityTokenInvalidSignatureException => "The token's signature is missing or not valid.",
        SecurityTokenMalformedException or ArgumentException => "The bearer token is malformed.",
        _ => "The bearer token is not valid.",
    };
}
