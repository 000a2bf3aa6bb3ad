using System.Data;
using System.Globalization;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OkrConnect.Storage.Mapping;

/// <summary>Calendar dates are 'yyyy-MM-dd' TEXT on SQLite and date on PostgreSQL.</summary>
internal sealed class DateOnlyTypeHandler : SqlMapper.TypeHandler<DateOnly>
{
    private const string SqliteFormat = "yyyy-MM-dd";

    public override void SetValue(IDbDataParameter parameter, DateOnly value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString(SqliteFormat, CultureInfo.InvariantCulture);
        }
        else
        {
            parameter.DbType = DbType.Date;
            parameter.Value = value;
        }
    }

    public override DateOnly Parse(object value) => value switch
    {
        DateOnly date => date,
        DateTime dateTime => DateOnly.FromDateTime(dateTime),
        string text => DateOnly.ParseExact(text, SqliteFormat, CultureInfo.InvariantCulture),
        _ => throw new InvalidCastException($"Cannot read a DateOnly from {value.GetType().Name}."),
    };
}
