using System.Data;
using Dapper;
using Microsoft.Data.Sqlite;

namespace OkrConnect.Storage.Mapping;

/// <summary>Guids are lower-case TEXT on SQLite (Microsoft.Data.Sqlite would write a BLOB) and uuid on PostgreSQL.</summary>
internal sealed class GuidTypeHandler : SqlMapper.TypeHandler<Guid>
{
    public override void SetValue(IDbDataParameter parameter, Guid value)
    {
        if (parameter is SqliteParameter)
        {
            parameter.DbType = DbType.String;
            parameter.Value = value.ToString("D");
        }
        else
        {
            parameter.DbType = DbType.Guid;
            parameter.Value = value;
        }
    }

    public override Guid Parse(object value) => value switch
    {
        Guid guid => guid,
        string text => Guid.Parse(text),
        byte[] bytes => new Guid(bytes),
        _ => throw new InvalidCastException($"Cannot read a Guid from {value.GetType().Name}."),
    };
}
