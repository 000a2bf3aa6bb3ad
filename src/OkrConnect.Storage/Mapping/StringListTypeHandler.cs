using System.Data;
using System.Text.Json;
using Dapper;

namespace OkrConnect.Storage.Mapping;

/// <summary>A list of strings is a JSON array in a TEXT column on both engines (e.g. an account's teams).</summary>
internal sealed class StringListTypeHandler : SqlMapper.TypeHandler<IReadOnlyList<string>>
{
    public override void SetValue(IDbDataParameter parameter, IReadOnlyList<string>? value)
    {
        parameter.DbType = DbType.String;
        parameter.Value = JsonSerializer.Serialize(value ?? []);
    }

    public override IReadOnlyList<string> Parse(object value) => value switch
    {
        string json => JsonSerializer.Deserialize<string[]>(json) ?? [],
        _ => throw new InvalidCastException($"Cannot read a string list from {value.GetType().Name}."),
    };
}
