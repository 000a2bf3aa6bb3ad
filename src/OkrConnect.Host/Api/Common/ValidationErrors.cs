namespace OkrConnect.Host.Api.Common;

/// <summary>
/// Collects every problem with a request before anything is written, keyed by the JSON field name,
/// so one 400 response lists all of them at once.
/// </summary>
public sealed class ValidationErrors
{
    private readonly Dictionary<string, List<string>> _errors = new(StringComparer.Ordinal);

    public bool IsEmpty => _errors.Count == 0;

    public bool Has(string field) => _errors.ContainsKey(field);

    public void Add(string field, string message)
    {
        if (!_errors.TryGetValue(field, out var messages))
        {
            messages = [];
            _errors[field] = messages;
        }

        messages.Add(message);
    }

    public Dictionary<string, string[]> ToDictionary() =>
        _errors.ToDictionary(e => e.Key, e => e.Value.ToArray(), StringComparer.Ordinal);

    /// <summary>One sentence per problem, for the problem's <c>detail</c>.</summary>
    public string Summary() => string.Join(" ", _errors.SelectMany(e => e.Value));

    public void RequireText(string field, string? value, int maxLength)
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
        }
        else
        {
            CheckText(field, value, maxLength);
        }
    }

    public void OptionalText(string field, string? value, int maxLength)
    {
        if (value is not null)
        {
            CheckText(field, value, maxLength);
        }
    }

    public void Require<T>(string field, T? value)
        where T : struct
    {
        if (value is null)
        {
            Add(field, $"{field} is required.");
        }
    }

    public void PositiveWeight(string field, double? value)
    {
        if (value is { } weight && !(weight > 0 && double.IsFinite(weight)))
        {
            Add(field, $"{field} must be a number greater than 0 (got {weight}).");
        }
    }

    public void Finite(string field, double? value)
    {
        if (value is { } number && !double.IsFinite(number))
        {
            Add(field, $"{field} must be a finite number.");
        }
    }

    private void CheckText(string field, string value, int maxLength)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            Add(field, $"{field} must not be empty.");
        }
        else if (value.Length > maxLength)
        {
            Add(field, $"{field} must be at most {maxLength} characters (got {value.Length}).");
        }
    }
}
