namespace OkrConnect.Core.Scoring;

/// <summary>Below 0.4 red, 0.4–0.69 yellow, 0.7 and above green.</summary>
public enum ScoreBand
{
    Red,
    Yellow,
    Green,
}
