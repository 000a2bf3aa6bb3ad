using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OkrConnect.Host.Api.Common;

/// <summary>
/// In the OpenAPI document a PATCH field <c>Optional&lt;T&gt;</c> is just a T: "absent" is expressed by leaving the
/// property out, which JSON Schema already allows.
/// </summary>
internal sealed class OptionalSchemaTransformer : IOpenApiSchemaTransformer
{
    public async Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (!type.IsGenericType || type.GetGenericTypeDefinition() != typeof(Optional<>))
        {
            return;
        }

        var inner = await context.GetOrCreateSchemaAsync(type.GetGenericArguments()[0], null, cancellationToken);
        schema.Type = inner.Type;
        schema.Format = inner.Format;
        schema.Enum = inner.Enum;
        schema.Items = inner.Items;
        schema.Properties = inner.Properties;
        schema.AdditionalProperties = inner.AdditionalProperties;
        schema.AllOf = inner.AllOf;
        schema.AnyOf = inner.AnyOf;
        schema.OneOf = inner.OneOf;
        schema.Pattern = inner.Pattern;
    }
}
