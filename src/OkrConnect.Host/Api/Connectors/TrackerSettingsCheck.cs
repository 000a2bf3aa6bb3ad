using OkrConnect.Core.Connectors;
using OkrConnect.Core.Domain;
using OkrConnect.Host.Api.Common;

namespace OkrConnect.Host.Api.Connectors;

/// <summary>
/// When a tracker of the connector's kind is installed, it checks its own settings (options shape, required
/// credentials) before anything is stored. Unknown kinds pass: the kind is a free string until a connector claims it.
/// </summary>
public static class TrackerSettingsCheck
{
    public static ITrackerConnector? Find(IEnumerable<ITrackerConnector> trackers, string kind) =>
        trackers.FirstOrDefault(t => t.Kind == kind);

    public static void Validate(
        ValidationErrors errors, ITrackerConnector tracker, ConnectorConfig connector, string? credentials, string? webhookSecret)
    {
        var settings = new ConnectorSettings(connector.Id, connector.BaseUrl, connector.Options, credentials, webhookSecret, connector.Locale);
        foreach (var problem in tracker.ValidateSettings(settings))
        {
            errors.Add(FieldOf(problem), problem);
        }
    }

    // Trackers report plain sentences; file each under the request field it is most likely about.
    private static string FieldOf(string problem) =>
        problem.Contains("credential", StringComparison.OrdinalIgnoreCase) ? "credentials"
        : problem.Contains("base URL", StringComparison.OrdinalIgnoreCase) || problem.Contains("baseUrl", StringComparison.Ordinal) ? "baseUrl"
        : problem.Contains("webhook", StringComparison.OrdinalIgnoreCase) ? "webhookSecret"
        : "options";
}
