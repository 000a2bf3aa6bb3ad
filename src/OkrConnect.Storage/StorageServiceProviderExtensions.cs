using Microsoft.Extensions.DependencyInjection;
using OkrConnect.Storage.Migrations;

namespace OkrConnect.Storage;

public static class StorageServiceProviderExtensions
{
    /// <summary>Applies pending migrations; call once at start-up, before the app serves requests or runs jobs.</summary>
    public static Task<IReadOnlyList<string>> MigrateOkrConnectStorageAsync(this IServiceProvider services, CancellationToken ct = default) =>
        services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
}
