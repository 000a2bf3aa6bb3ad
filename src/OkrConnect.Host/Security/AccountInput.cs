using System.Text.RegularExpressions;
using OkrConnect.Core.Domain;

namespace OkrConnect.Host.Security;

/// <summary>Validation of the subject, role, teams and lifetime sent to the token endpoints and the token command.</summary>
internal static partial class AccountInput
{
    public const int DefaultLifetimeDays = 30;

    [GeneratedRegex(@"^[\p{L}\p{N}._@+\-:]{1,200}$")]
    private static partial Regex SubjectPattern();

    [GeneratedRegex(@"^[\p{L}\p{N}._@+\-:/ ]{1,100}$")]
    private static partial Regex TeamPattern();

    public static string Subject(string? value, Dictionary<string, string[]> errors)
    {
        var subject = value?.Trim() ?? "";
        if (!SubjectPattern().IsMatch(subject))
        {
            errors["subject"] = ["The subject is required: 1–200 letters, digits or . _ @ + - : (no spaces)."];
        }

        return subject;
    }

    public static string? Name(string? value, Dictionary<string, string[]> errors)
    {
        var name = string.IsNullOrWhiteSpace(value) ? null : value.Trim();
        if (name is { Length: > 200 })
        {
            errors["name"] = ["The name is at most 200 characters."];
        }

        return name;
    }

    public static Role Role(string? value, Dictionary<string, string[]> errors)
    {
        var role = OkrConnectClaims.ParseRole(value);
        if (role is null)
        {
            errors["role"] = [$"The role must be admin, manager, member or viewer; got '{value}'."];
        }

        return role ?? Core.Domain.Role.Viewer;
    }

    public static IReadOnlyList<string> Teams(IReadOnlyList<string>? values, Dictionary<string, string[]> errors)
    {
        var teams = (values ?? []).Select(t => t?.Trim() ?? "").Distinct(StringComparer.Ordinal).ToArray();
        var invalid = teams.Where(t => !TeamPattern().IsMatch(t)).ToArray();
        if (invalid.Length > 0)
        {
            errors["teams"] = [$"Team names are 1–100 letters, digits, spaces or . _ @ + - : /; invalid: {string.Join(", ", invalid.Select(t => $"'{t}'"))}."];
        }

        return teams;
    }

    public static int LifetimeDays(int? value, int max, Dictionary<string, string[]> errors)
    {
        var days = value ?? DefaultLifetimeDays;
        if (days < 1 || days > max)
        {
            errors["lifetimeDays"] = [$"lifetimeDays must be between 1 and {max} (Auth:MaxTokenLifetimeDays); got {days}."];
        }

        return days;
    }
}
