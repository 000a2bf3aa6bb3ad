using OkrConnect.Core.Connectors;

namespace OkrConnect.Sync.Engine;

/// <summary>Targets are the same whatever the case of their kind or key ("proj-12" is "PROJ-12"), as trackers treat them.</summary>
public sealed class TargetRefComparer : IEqualityComparer<TargetRef>
{
    public static TargetRefComparer Instance { get; } = new();

    public bool Equals(TargetRef? x, TargetRef? y) =>
        ReferenceEquals(x, y)
        || (x is not null && y is not null
            && string.Equals(x.Kind, y.Kind, StringComparison.OrdinalIgnoreCase)
            && string.Equals(x.Key, y.Key, StringComparison.OrdinalIgnoreCase));

    public int GetHashCode(TargetRef obj) =>
        HashCode.Combine(StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Kind), StringComparer.OrdinalIgnoreCase.GetHashCode(obj.Key));
}
