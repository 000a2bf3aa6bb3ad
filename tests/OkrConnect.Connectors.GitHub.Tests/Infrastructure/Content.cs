using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;

namespace OkrConnect.Connectors.GitHub.Tests.Infrastructure;

/// <summary>Write-back content as the engine would send it.</summary>
public static class Content
{
    public static WriteBackContent Progress(double? progress, int done = 5, int total = 8, string locale = "en") => new(
        KeyResultTitle: "Ship the new onboarding",
        KeyResultType: KeyResultType.Committed,
        Progress: progress,
        BreakdownText: $"{done} done of {total} counted issues\n1 excluded: closed as not planned",
        Done: done,
        Total: total,
        Excluded: 1,
        Model: ProgressModel.Count,
        ObjectiveTitle: "Delight new users",
        CycleName: "2026-Q1",
        Confidence: 7,
        Status: CheckInStatus.OnTrack,
        AtRisk: false,
        RiskReasons: [],
        Stale: false,
        StaleReason: null,
        ComputedAt: ConnectorHarness.Start,
        KeyResultUrl: "https://okr.example.com/key-results/1",
        Locale: locale);
}
