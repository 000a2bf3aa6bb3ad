namespace OkrConnect.Core.Practice;

/// <summary>The languages reports and reminders are written in. The wire names are BCP 47 tags: "en" and "zh-CN".</summary>
public enum PracticeLocale
{
    English,
    SimplifiedChinese,
}

public static class PracticeLocales
{
    public const string EnglishTag = "en";
    public const string SimplifiedChineseTag = "zh-CN";

    public static IReadOnlyList<string> Tags { get; } = [EnglishTag, SimplifiedChineseTag];

    /// <summary>Case-insensitive, as BCP 47 tags are; "zh-cn" is accepted and written back as "zh-CN".</summary>
    public static bool TryParse(string? tag, out PracticeLocale locale)
    {
        if (string.Equals(tag, EnglishTag, StringComparison.OrdinalIgnoreCase))
        {
            locale = PracticeLocale.English;
            return true;
        }

        if (string.Equals(tag, SimplifiedChineseTag, StringComparison.OrdinalIgnoreCase))
        {
            locale = PracticeLocale.SimplifiedChinese;
            return true;
        }

        locale = PracticeLocale.English;
        return false;
    }

    /// <summary>A stored tag (validated when it was written); anything unknown reads as English.</summary>
    public static PracticeLocale ParseOrEnglish(string? tag) => TryParse(tag, out var locale) ? locale : PracticeLocale.English;

    public static string Tag(this PracticeLocale locale) =>
        locale == PracticeLocale.SimplifiedChinese ? SimplifiedChineseTag : EnglishTag;
}
