using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OkrConnect.Storage.Mapping;

/// <summary>
/// Instants are stored in UTC with microsecond precision on both engines: ISO-8601 TEXT on SQLite (fixed width,
/// so text order is time order) and timestamptz on PostgreSQL (which keeps microseconds and accepts only UTC
/// from Npgsql). Values read back are always UTC.
/// </summary>
internal sealed class DateTimeOffsetTypeHandler : SqlMapper.TypeHandler<DateTimeOffset>
{
    public const string SqliteFormat = "yyyy-MM-dd'T'HH:mm:ss.ffffff'Z'";

    public override void SetValue(IDbDataParameter parameter, DateTimeOffset value)
    {
        var utc = ToStoredPrecision(value);
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = utc.ToString(SqliteFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.DateTimeOffset;
            parameter.Value = utc;
        }
    }

    public override DateTimeOffset Parse(object value) => value switch
    {
        DateTimeOffset instant => instant.ToUniversalTime(),
        DateTime dateTime => new DateTimeOffset(DateTime.SpecifyKind(dateTime, DateTimeKind.Utc)),
        string text => DateTimeOffset.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal),
        _ => throw new InvalidCastException($"Cannot read a DateTimeOffset from {value.GetType().Name}."),
    };

    /// <summary>UTC, truncated to whole microseconds (PostgreSQL's precision), so both engines store the same instant.</summary>
    public static DateTimeOffset ToStoredPrecision(DateTimeOffset value)
    {
        var ticks = value.UtcTicks;
        return new DateTimeOffset(ticks - (ticks % 10), TimeSpan.Zero);
    }
}
