using System.Reflection;
using System.Text.Json;
using System.Text.RegularExpressions;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Api.Common;

/// <summary>
/// Turns System.Text.Json's failures into a field name and a sentence a client can act on
/// ("type must be one of: committed, aspirational") instead of CLR type names.
/// </summary>
public static partial class JsonErrorMessages
{
    // Every enum the API accepts; their wire names are the kebab-case-lower member names.
    private static readonly Type[] AcceptedEnums =
    [
        typeof(CycleState), typeof(ObjectiveLevel), typeof(Visibility), typeof(KeyResultType),
        typeof(MeasureKind), typeof(ProgressModel), typeof(WriteBackMode), typeof(CheckInStatus),
    ];

    private static readonly Dictionary<string, string> Expectations = BuildExpectations();

    /// <summary>The JSON field the error is about ("type", "options.x"), or "body" for the document itself.</summary>
    public static string Field(JsonException exception)
    {
        var path = exception.Path;
        if (string.IsNullOrEmpty(path) || path == "$")
        {
            return "body";
        }

        return path.StartsWith("$.", StringComparison.Ordinal) ? path[2..] : path.TrimStart('$');
    }

    public static string Describe(JsonException exception)
    {
        var field = Field(exception);
        var message = exception.Message;
        var conversion = ConversionTarget().Match(message);
        if (conversion.Success)
        {
            var target = TargetType(conversion.Groups["type"].Value, exception.Path);
            return target is not null && Expectations.TryGetValue(target.FullName!, out var expected)
                ? $"{field} must be {expected}."
                : $"{field} has a value of the wrong type.";
        }

        // Our own converters throw messages without a path; STJ's syntax errors carry one we strip.
        var cut = message.IndexOf(" Path: ", StringComparison.Ordinal);
        var reason = cut >= 0 ? message[..cut] : message;
        return exception.InnerException is null && cut < 0
            ? $"{field}: {reason}"
            : field == "body" ? $"The request body is not valid JSON: {reason}" : $"The request body is not valid JSON at {field}: {reason}";
    }

    public static string WireName(Enum value) => JsonNamingPolicy.KebabCaseLower.ConvertName(value.ToString());

    private static Dictionary<string, string> BuildExpectations()
    {
        var expectations = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["System.String"] = "a string",
            ["System.Guid"] = "a UUID such as \"0b9b3c8e-5d2f-4a39-9c1e-2f0d6f1a7b21\"",
            ["System.DateOnly"] = "a date in the form YYYY-MM-DD",
            ["System.DateTimeOffset"] = "an ISO 8601 timestamp",
            ["System.Double"] = "a number",
            ["System.Int32"] = "a whole number",
            ["System.Int64"] = "a whole number",
            ["System.Boolean"] = "true or false",
        };
        foreach (var type in AcceptedEnums)
        {
            var names = Enum.GetNames(type).Select(JsonNamingPolicy.KebabCaseLower.ConvertName);
            expectations[type.FullName!] = $"one of: {string.Join(", ", names)}";
        }

        return expectations;
    }

    [GeneratedRegex(@"could not be converted to (?<type>\S+?)\.( Path:|$)")]
    private static partial Regex ConversionTarget();

    /// <summary>
    /// The type the failing value should have had. STJ names the property's type, or, for records bound through their
    /// constructor, the record itself; then the JSON path leads to the property.
    /// </summary>
    private static Type? TargetType(string typeName, string? path)
    {
        var type = typeof(JsonErrorMessages).Assembly.GetType(typeName) ?? Type.GetType(typeName);
        if (type is null)
        {
            return null;
        }

        foreach (var name in (path ?? "$").Split('.').Skip(1))
        {
            var property = Unwrap(type).GetProperty(name, BindingFlags.Public | BindingFlags.Instance | BindingFlags.IgnoreCase);
            if (property is null)
            {
                return Unwrap(type);
            }

            type = property.PropertyType;
        }

        return Unwrap(type);
    }

    private static Type Unwrap(Type type)
    {
        while (type.IsGenericType && (type.GetGenericTypeDefinition() == typeof(Optional<>) || type.GetGenericTypeDefinition() == typeof(Nullable<>)))
        {
            type = type.GetGenericArguments()[0];
        }

        return type;
    }
}
