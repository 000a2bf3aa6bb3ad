namespace OkrConnect.Host.Api.Common;

/// <summary>Maximum lengths of free-text fields, shared so every resource accepts the same sizes.</summary>
public static class TextLimits
{
    public const int Name = 200;
    public const int Title = 300;
    public const int Subject = 200;
    public const int LongText = 10_000;
    public const int TargetKey = 4_000;
}
