using Microsoft.Extensions.Diagnostics.HealthChecks;
using OkrConnect.Storage.Migrations;

namespace OkrConnect.Storage;

/// <summary>
/// Readiness: healthy when the database answers and has no pending migration. Registered by
/// <c>AddOkrConnectStorage</c>; the host adds it to its checks, e.g. <c>AddCheck&lt;StorageHealthCheck&gt;("storage", tags: ["ready"])</c>.
/// </summary>
public sealed class StorageHealthCheck(DatabaseMigrator migrator) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var status = await migrator.GetStatusAsync(cancellationToken);
        var data = new Dictionary<string, object>
        {
            ["reachable"] = status.Reachable,
            ["pending"] = status.PendingCount,
        };

        if (!status.Reachable)
        {
            return new HealthCheckResult(context.Registration.FailureStatus, $"Database unreachable: {status.Error}", data: data);
        }

        return status.IsReady
            ? HealthCheckResult.Healthy("Database reachable and migrated.", data)
            : new HealthCheckResult(context.Registration.FailureStatus, $"{status.PendingCount} migration(s) pending.", data: data);
    }
}
