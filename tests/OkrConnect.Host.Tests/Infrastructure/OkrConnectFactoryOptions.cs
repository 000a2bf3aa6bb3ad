namespace OkrConnect.Host.Tests.Infrastructure;

/// <summary>How an <see cref="OkrConnectFactory"/> starts the host.</summary>
public sealed record OkrConnectFactoryOptions
{
    /// <summary>Runs the Hangfire server (one worker, 1-second polling). Off by default: jobs can still be enqueued.</summary>
    public bool JobsServer { get; init; }

    /// <summary>An existing data directory to start on (e.g. a second start); the factory then leaves it in place.</summary>
    public string? DataDirectory { get; init; }

    /// <summary>The bootstrap admin's secret; null lets the host generate one and print it (see <see cref="OkrConnectFactory.OperatorConsoleText"/>).</summary>
    public string? BootstrapSecret { get; init; } = OkrConnectFactory.DefaultBootstrapSecret;

    /// <summary>Runs on PostgreSQL (a fresh schema, dropped on dispose) instead of SQLite; see <see cref="PostgresFactAttribute"/>.</summary>
    public bool Postgres { get; init; }

    /// <summary>Extra configuration, e.g. <c>["Auth:ExchangeTokenLifetime"] = "00:05:00"</c>.</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();
}
