using Npgsql;

namespace OkrConnect.Storage.Connections;

/// <summary>
/// Npgsql's default pool (100 connections) equals PostgreSQL's default max_connections, so two servers — each with an
/// application pool and a Hangfire pool — exhaust the server under load ("remaining connection slots are reserved",
/// seen in the scale-out benchmark). Unless the connection string names a pool size, cap each pool so that a few
/// servers fit; an explicit <c>Maximum Pool Size</c> always wins.
/// </summary>
public static class PostgresPoolSize
{
    public const int ApplicationDefault = 30;
    public const int JobsDefault = 10;

    public static string WithDefault(string connectionString, int maximumPoolSize)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        var named = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString }.Keys
            .Cast<string>()
            .Any(key => key.Replace(" ", "", StringComparison.Ordinal).Equals("MaximumPoolSize", StringComparison.OrdinalIgnoreCase)
                || key.Replace(" ", "", StringComparison.Ordinal).Equals("MaxPoolSize", StringComparison.OrdinalIgnoreCase));
        if (!named)
        {
            builder.MaxPoolSize = maximumPoolSize;
        }

        return builder.ConnectionString;
    }
}
