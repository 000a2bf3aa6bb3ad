using System.Globalization;
using OkrConnect.Core.Pace;

namespace OkrConnect.Sync.WriteBack;

/// <summary>Risk reasons in the connector's language, from their stable codes (English is Core's own text).</summary>
public static class RiskText
{
    public static string Render(RiskReason reason, WriteBackLanguage language)
    {
        if (language != WriteBackLanguage.SimplifiedChinese)
        {
            return reason.Text;
        }

        return reason.Code switch
        {
            RiskCodes.BehindPace => $"进度落后预期超过 {Percent(reason.Threshold)} 个百分点（落后 {Percent(reason.Actual)}）",
            RiskCodes.LowConfidence => $"最近一次信心指数为 {N(reason.Actual)}（不高于 {N(reason.Threshold)}）",
            RiskCodes.NoRecentCheckIn => $"已 {N(reason.Actual)} 天没有进展更新",
            _ => reason.Text,
        };
    }

    private static string Percent(double fraction) => (fraction * 100).ToString("0.#", CultureInfo.InvariantCulture);

    private static string N(double value) => value.ToString("0.#", CultureInfo.InvariantCulture);
}
