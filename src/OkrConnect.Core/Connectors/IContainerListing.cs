namespace OkrConnect.Core.Connectors;

/// <summary>
/// Optional connector ability, declared by <see cref="ConnectorCapabilities.ListContainers"/>: lists the tracker's
/// containers of work (epics, the things a key result links to) updated since an instant, whether or not anything links
/// to them. Coverage uses it to find epics no key result links to. Failures are thrown as <see cref="TrackerException"/>.
/// </summary>
public interface IContainerListing
{
    /// <summary>Every container updated at or after <paramref name="since"/>, all pages read; never a partial list.</summary>
    Task<IReadOnlyList<ContainerSummary>> ListContainersUpdatedSinceAsync(ConnectorSettings settings, DateTimeOffset since, CancellationToken ct);
}

/// <summary>One container as the tracker lists it; <see cref="Target"/> is what a link to it would use.</summary>
public sealed record ContainerSummary(TargetRef Target, string Title, string? Url, DateTimeOffset Updated);
