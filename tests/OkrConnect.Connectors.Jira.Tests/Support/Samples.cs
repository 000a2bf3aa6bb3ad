using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.Jira.Tests.Support;

internal static class Samples
{
    /// <summary>The key result the recorded comment property in comment-list.with-marker.json belongs to.</summary>
    public static readonly Guid KeyResultId = Guid.Parse("3f2b1c4d-5e6f-4a7b-8c9d-0e1f2a3b4c5d");

    public static WriteBackContent Content(double? progress = 0.6, bool atRisk = false, string locale = "en") => new(
        KeyResultTitle: "Checkout conversion +5%",
        KeyResultType: KeyResultType.Committed,
        Progress: progress,
        BreakdownText: "3 of 5 issues done; 1 excluded (closed as \"Won't Do\")",
        Done: 3,
        Total: 6,
        Excluded: 1,
        Model: ProgressModel.Count,
        ObjectiveTitle: "Make buying effortless",
        CycleName: "2026-Q4",
        Confidence: 7,
        Status: atRisk ? CheckInStatus.AtRisk : CheckInStatus.OnTrack,
        AtRisk: atRisk,
        RiskReasons: atRisk ? ["progress trails the cycle by 0.22", "no check-in for 15 days"] : [],
        Stale: false,
        StaleReason: null,
        ComputedAt: new DateTimeOffset(2026, 11, 3, 14, 5, 0, TimeSpan.Zero),
        KeyResultUrl: $"https://okr.example.com/key-results/{KeyResultId}",
        Locale: locale);

    public static WriteBackRequest Request(WriteBackMode mode, WriteBackContent content, string? knownRemoteId = null, string epic = "OKR-1") =>
        new(new TargetRef("jira-epic", epic), mode, KeyResultId, content, knownRemoteId);
}
