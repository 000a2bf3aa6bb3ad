using Microsoft.AspNetCore.OpenApi;
using Microsoft.OpenApi;

namespace OkrConnect.Host.Api.Common;

/// <summary>
/// The JSON fields a request must carry, for the OpenAPI document. Request records take every field as a nullable
/// constructor parameter (so validation can name each missing one), which the generator would otherwise list as
/// required, defaults and PATCH fields included.
/// </summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class RequiredFieldsAttribute(params string[] fields) : Attribute
{
    public IReadOnlyList<string> Fields { get; } = fields;
}

internal sealed class RequiredFieldsSchemaTransformer : IOpenApiSchemaTransformer
{
    public Task TransformAsync(OpenApiSchema schema, OpenApiSchemaTransformerContext context, CancellationToken cancellationToken)
    {
        var type = context.JsonTypeInfo.Type;
        if (type.Namespace?.StartsWith("OkrConnect.Host.Api", StringComparison.Ordinal) == true
            && type.Name.EndsWith("Request", StringComparison.Ordinal))
        {
            var fields = type.GetCustomAttributes(typeof(RequiredFieldsAttribute), inherit: false)
                .Cast<RequiredFieldsAttribute>()
                .SelectMany(a => a.Fields);
            schema.Required = new HashSet<string>(fields, StringComparer.Ordinal);
        }

        return Task.CompletedTask;
    }
}
