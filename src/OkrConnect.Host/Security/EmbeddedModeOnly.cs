using Microsoft.Extensions.Options;

namespace OkrConnect.Host.Security;

/// <summary>Endpoints of the embedded token issuer answer 404 with an explanation when an external provider issues tokens.</summary>
internal sealed class EmbeddedModeOnly(IOptions<AuthOptions> options) : IEndpointFilter
{
    public ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        if (options.Value.Mode == AuthMode.Embedded)
        {
            return next(context);
        }

        return ValueTask.FromResult<object?>(TypedResults.Problem(
            statusCode: StatusCodes.Status404NotFound,
            title: "Not available in external mode",
            detail: "Auth:Mode is external: tokens come from your identity provider, not from OkrConnect."));
    }
}
