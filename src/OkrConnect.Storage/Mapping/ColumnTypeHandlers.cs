using Dapper;

namespace OkrConnect.Storage.Mapping;

/// <summary>
/// Teaches Dapper how our column types look on each engine. Dapper's settings are process-wide, so this runs once
/// and every handler behaves like Dapper's default for any provider other than SQLite.
/// </summary>
internal static class ColumnTypeHandlers
{
    private static readonly Lazy<bool> Registered = new(RegisterOnce);

    public static void Register() => _ = Registered.Value;

    private static bool RegisterOnce()
    {
        // Dapper looks a type up in its built-in map before asking handlers, so the built-in entries must go
        // for our handlers to be used when writing parameters.
        foreach (var type in new[] { typeof(Guid), typeof(Guid?), typeof(DateTimeOffset), typeof(DateTimeOffset?), typeof(DateOnly), typeof(DateOnly?) })
        {
            SqlMapper.RemoveTypeMap(type);
        }

        SqlMapper.AddTypeHandler(new GuidTypeHandler());
        SqlMapper.AddTypeHandler(new DateTimeOffsetTypeHandler());
        SqlMapper.AddTypeHandler(new DateOnlyTypeHandler());
        SqlMapper.AddTypeHandler(new StringListTypeHandler());

        // Columns are snake_case, row properties PascalCase. Only changes matching for names with underscores.
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        return true;
    }
}
