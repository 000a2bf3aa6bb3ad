namespace OkrConnect.Host.Tests.Infrastructure;

/// <summary>A fact that runs only when <c>OKRCONNECT_TEST_POSTGRES</c> holds a connection string (see .ci/start-postgres.sh).</summary>
public sealed class PostgresFactAttribute : FactAttribute
{
    public const string Variable = "OKRCONNECT_TEST_POSTGRES";

    public PostgresFactAttribute()
    {
        if (string.IsNullOrWhiteSpace(ConnectionString))
        {
            Skip = $"Set {Variable} to a PostgreSQL connection string to run this test (eval \"$(bash .ci/start-postgres.sh)\").";
        }
    }

    public static string? ConnectionString => Environment.GetEnvironmentVariable(Variable);
}
