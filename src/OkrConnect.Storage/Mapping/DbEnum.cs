using System.Collections.Frozen;
using System.Text;

namespace OkrConnect.Storage.Mapping;

/// <summary>
/// Enums are stored as lower-case kebab strings (<c>OnTrack</c> → <c>on-track</c>), which the schema's CHECK
/// constraints list. Converted explicitly in each repository's row because Dapper ignores type handlers for
/// enum parameters and writes the underlying number instead.
/// </summary>
public static class DbEnum
{
    public static string ToText<T>(T value)
        where T : struct, Enum =>
        Names<T>.ByValue.TryGetValue(value, out var text)
            ? text
            : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a defined {typeof(T).Name}.");

    public static T Parse<T>(string text)
        where T : struct, Enum =>
        Names<T>.ByText.TryGetValue(text, out var value)
            ? value
            : throw new InvalidDataException($"'{text}' is not a stored {typeof(T).Name}.");

    public static string ToKebabCase(string name)
    {
        var builder = new StringBuilder(name.Length + 4);
        for (var i = 0; i < name.Length; i++)
        {
            if (char.IsUpper(name[i]) && i > 0)
            {
                builder.Append('-');
            }

            builder.Append(char.ToLowerInvariant(name[i]));
        }

        return builder.ToString();
    }

    private static class Names<T>
        where T : struct, Enum
    {
        public static readonly FrozenDictionary<T, string> ByValue =
            Enum.GetValues<T>().ToFrozenDictionary(value => value, value => ToKebabCase(value.ToString()));

        public static readonly FrozenDictionary<string, T> ByText =
            ByValue.ToFrozenDictionary(pair => pair.Value, pair => pair.Key, StringComparer.Ordinal);
    }
}
