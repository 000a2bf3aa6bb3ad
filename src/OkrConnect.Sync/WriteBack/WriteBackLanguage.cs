namespace OkrConnect.Sync.WriteBack;

/// <summary>The languages write-backs are written in; a connector's locale picks one, anything else gets English.</summary>
public enum WriteBackLanguage
{
    English,
    SimplifiedChinese,
}

public static class WriteBackLanguages
{
    public static WriteBackLanguage For(string? locale) =>
        locale is not null
        && (locale.Equals("zh", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-CN", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-Hans", StringComparison.OrdinalIgnoreCase)
            || locale.StartsWith("zh-SG", StringComparison.OrdinalIgnoreCase))
            ? WriteBackLanguage.SimplifiedChinese
            : WriteBackLanguage.English;
}
