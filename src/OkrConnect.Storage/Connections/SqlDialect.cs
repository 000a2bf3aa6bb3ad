namespace OkrConnect.Storage.Connections;

/// <summary>
/// The SQL flavour of the configured engine. Repositories write the SQL both engines share; where they differ,
/// both variants sit next to each other and <see cref="Pick"/> chooses.
/// </summary>
public sealed class SqlDialect
{
    public static SqlDialect Sqlite { get; } = new("sqlite");

    public static SqlDialect Postgres { get; } = new("postgres");

    private SqlDialect(string name) => Name = name;

    public string Name { get; }

    public string Pick(string sqlite, string postgres) => this == Sqlite ? sqlite : postgres;

    /// <summary>
    /// A list of ids as one parameter. SQLite has no arrays, so it gets a JSON array for <c>json_each(@ids)</c>;
    /// PostgreSQL gets a <c>uuid[]</c> for <c>= ANY(@ids)</c>. (Dapper's own <c>IN @ids</c> expansion skips the
    /// Guid type handler on SQLite and is not done at all for Npgsql.)
    /// </summary>
    public object IdList(IEnumerable<Guid> ids) => this == Sqlite
        ? System.Text.Json.JsonSerializer.Serialize(ids.Select(id => id.ToString("D")))
        : ids.ToArray();

    public override string ToString() => Name;
}
