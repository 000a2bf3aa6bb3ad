using System.Data.Common;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace OkrConnect.Host.Api.Common;

/// <summary>
/// A database that is busy or briefly unreachable (SQLite's writer lock held past the busy timeout, PostgreSQL
/// restarting or out of connections) is the service's temporary state, not a bug: answer 503 with Retry-After, so API
/// clients and trackers redeliver instead of treating it as a permanent failure. Nothing was stored (the failed
/// statement's transaction rolled back). Other exceptions stay 500s.
/// </summary>
internal sealed class StorageBusyExceptionHandler(IProblemDetailsService problemDetails, ILogger<StorageBusyExceptionHandler> logger) : IExceptionHandler
{
    public const int RetryAfterSeconds = 5;

    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (!IsTransient(exception))
        {
            return false;
        }

        logger.LogWarning("Storage busy or unavailable for {Method} {Path}: {Message}", httpContext.Request.Method, httpContext.Request.Path, exception.Message);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        return await problemDetails.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Storage temporarily unavailable",
                Detail = $"The database is busy or unreachable; nothing was changed. Retry in {RetryAfterSeconds} seconds.",
            },
            Exception = exception,
        });
    }

    // SQLITE_BUSY (5) and SQLITE_LOCKED (6) clear by themselves; so do PostgreSQL errors Npgsql marks transient
    // (connection refused, too many connections, admin shutdown, serialization failures).
    internal static bool IsTransient(Exception exception) => exception switch
    {
        SqliteException sqlite => sqlite.SqliteErrorCode is 5 or 6,
        NpgsqlException npgsql => npgsql.IsTransient,
        DbException db => db.IsTransient,
        _ => exception.InnerException is { } inner && IsTransient(inner),
    };
}
