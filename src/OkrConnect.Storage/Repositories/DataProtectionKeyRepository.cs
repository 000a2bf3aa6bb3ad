using Dapper;
using OkrConnect.Core.Persistence;
using OkrConnect.Storage.Connections;

namespace OkrConnect.Storage.Repositories;

/// <summary>The Data Protection key ring's XML elements, by friendly name (e.g. <c>key-{guid}</c>).</summary>
public sealed class DataProtectionKeyRepository(DatabaseConnectionFactory connections) : IDataProtectionKeyRepository
{
    private const string GetAllSql = """
        SELECT xml FROM data_protection_keys ORDER BY id
        """;

    private const string StoreSql = """
        INSERT INTO data_protection_keys (friendly_name, xml)
        VALUES (@FriendlyName, @Xml)
        ON CONFLICT (friendly_name) DO UPDATE SET xml = excluded.xml
        """;

    public IReadOnlyList<string> GetAllXml()
    {
        using var connection = connections.Open();
        return connection.Query<string>(GetAllSql).ToList();
    }

    public void Store(string friendlyName, string xml)
    {
        ArgumentException.ThrowIfNullOrEmpty(friendlyName);
        ArgumentException.ThrowIfNullOrEmpty(xml);

        using var connection = connections.Open();
        connection.Execute(StoreSql, new { FriendlyName = friendlyName, Xml = xml });
    }
}
