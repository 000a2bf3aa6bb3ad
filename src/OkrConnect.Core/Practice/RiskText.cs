using OkrConnect.Core.Pace;

namespace OkrConnect.Core.Practice;

/// <summary>Risk reasons in Chinese, from their stable codes (the English text comes with the reason itself).</summary>
public static class RiskText
{
    public static string Chinese(RiskFlag flag) => flag.Code switch
    {
        RiskCodes.BehindPace =>
            $"进度落后预期超过 {PracticeNumbers.Number(flag.Threshold * 100)} 个百分点(落后 {PracticeNumbers.Number(Math.Round(flag.Actual * 100, 1))} 个百分点)",
        RiskCodes.LowConfidence => $"最新信心指数为 {PracticeNumbers.Number(flag.Actual)}(不高于 {PracticeNumbers.Number(flag.Threshold)})",
        RiskCodes.NoRecentCheckIn => $"已有 {PracticeNumbers.Number(flag.Actual)} 天没有签到",
        _ => flag.Text,
    };

    public static string For(PracticeLocale locale, RiskFlag flag) =>
        locale == PracticeLocale.SimplifiedChinese ? Chinese(flag) : flag.Text;
}
